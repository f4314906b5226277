package io.propdesk.systemtests.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * Issue 19 goal 7 (disk): full repair lifecycles at saturation, a fixed number of them, with the embedded store's files
 * (the child's {@code mongo} directory: H2's MVStore file, or whatever the store keeps there), the Kafka log directory
 * and the system's resident set sampled every few seconds; written as CSV and as a hand-made SVG line chart, and
 * summed up as growth per lifecycle, over the whole run and at steady state (the slope over the last half).
 */
final class DiskGrowth {

    /**
     * One sample: seconds since the start, lifecycles completed, bytes allocated on disk ({@code du}) under the store's
     * directory, the apparent size of its largest file, bytes allocated under the Kafka log directory, RSS.
     */
    record Sample(
            double seconds, int lifecycles, long storeBytes, long storeLargestFile, long kafkaBytes, double rssMb) {}

    /** What the run found; sizes in bytes. */
    record Result(
            List<Sample> samples,
            int done,
            int failed,
            double seconds,
            long storeGrowth,
            double storePerLifecycle,
            double storeSteadySlope,
            long storeMax,
            long storeLargestFileMax,
            long kafkaGrowth,
            double kafkaPerLifecycle,
            double kafkaSteadySlope,
            double rssMaxMb,
            String largestFile) {}

    private final ChildSystem system;
    private final Lifecycles drive;
    private final IntSupplier ticketNo;
    private final List<Sample> samples = new ArrayList<>();
    private long t0;
    private final AtomicInteger done = new AtomicInteger();

    DiskGrowth(ChildSystem system, Lifecycles drive, IntSupplier ticketNo) {
        this.system = system;
        this.drive = drive;
        this.ticketNo = ticketNo;
    }

    Result run(int lifecycles, int inFlight, int sampleSeconds) throws Exception {
        StoreWrites.whenQuiet(system.rest, 1_500);
        t0 = System.nanoTime();
        sample();
        AtomicInteger claimed = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "disk-sampler");
            t.setDaemon(true);
            return t;
        });
        sampler.scheduleAtFixedRate(this::sampleAndLog, sampleSeconds, sampleSeconds, TimeUnit.SECONDS);
        ExecutorService pool = Executors.newFixedThreadPool(inFlight, r -> {
            Thread t = new Thread(r, "disk-lifecycle");
            t.setDaemon(true);
            return t;
        });
        List<Future<?>> workers = new ArrayList<>();
        for (int i = 0; i < inFlight; i++) {
            workers.add(pool.submit(() -> {
                while (claimed.incrementAndGet() <= lifecycles) {
                    try {
                        drive.repair(ticketNo.getAsInt());
                        done.incrementAndGet();
                    } catch (Exception e) {
                        failed.incrementAndGet();
                        System.err.printf("[system-bench] disk: lifecycle failed: %s%n", e);
                    }
                }
                return null;
            }));
        }
        for (Future<?> w : workers) {
            w.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - t0) / 1e9;
        StoreWrites.whenQuiet(system.rest, 1_500);
        sampler.shutdownNow();
        sampler.awaitTermination(10, TimeUnit.SECONDS);
        sample();
        return summary(failed.get(), seconds);
    }

    private void sampleAndLog() {
        Sample s = sample();
        System.err.printf(
                "[system-bench] disk: %d lifecycles, store %.1f MB, Kafka %.1f MB, RSS %.0f MB%n",
                s.lifecycles(), s.storeBytes() / 1e6, s.kafkaBytes() / 1e6, s.rssMb());
    }

    private Sample sample() {
        long[] store = ChildSystem.diskUse(system.storeDir());
        long kafka = ChildSystem.allocated(system.kafkaDir()); // issue 19: its sparse index files counted as used
        Sample s = new Sample(
                (System.nanoTime() - t0) / 1e9,
                done.get(),
                ChildSystem.allocated(system.storeDir()),
                store[1],
                kafka,
                system.lastRssMb());
        synchronized (samples) {
            samples.add(s);
        }
        return s;
    }

    private Result summary(int failed, double seconds) {
        List<Sample> all;
        synchronized (samples) {
            all = List.copyOf(samples);
        }
        Sample first = all.get(0);
        Sample last = all.get(all.size() - 1);
        int n = Math.max(1, last.lifecycles() - first.lifecycles());
        int half = first.lifecycles() + (last.lifecycles() - first.lifecycles()) / 2;
        List<Sample> steady = all.stream().filter(s -> s.lifecycles() >= half).toList();
        return new Result(
                all,
                last.lifecycles() - first.lifecycles(),
                failed,
                seconds,
                last.storeBytes() - first.storeBytes(),
                (last.storeBytes() - first.storeBytes()) / (double) n,
                slope(steady, true),
                all.stream().mapToLong(Sample::storeBytes).max().orElse(0),
                all.stream().mapToLong(Sample::storeLargestFile).max().orElse(0),
                last.kafkaBytes() - first.kafkaBytes(),
                (last.kafkaBytes() - first.kafkaBytes()) / (double) n,
                slope(steady, false),
                all.stream()
                        .mapToDouble(Sample::rssMb)
                        .filter(d -> !Double.isNaN(d))
                        .max()
                        .orElse(Double.NaN),
                ChildSystem.largestFileName(system.storeDir()));
    }

    /** Least-squares slope of bytes over lifecycles (bytes per lifecycle); NaN with fewer than two distinct x. */
    static double slope(List<Sample> points, boolean store) {
        int n = points.size();
        double sx = 0;
        double sy = 0;
        for (Sample p : points) {
            sx += p.lifecycles();
            sy += store ? p.storeBytes() : p.kafkaBytes();
        }
        double mx = sx / n;
        double my = sy / n;
        double sxy = 0;
        double sxx = 0;
        for (Sample p : points) {
            double dx = p.lifecycles() - mx;
            sxy += dx * ((store ? p.storeBytes() : p.kafkaBytes()) - my);
            sxx += dx * dx;
        }
        return n < 2 || sxx == 0 ? Double.NaN : sxy / sxx;
    }

    // ------------------------------------------------------------------ files

    static void writeCsv(Path file, List<Sample> samples) throws IOException {
        StringBuilder csv =
                new StringBuilder("seconds,lifecycles,store_bytes,store_largest_file_bytes,kafka_bytes,rss_mb\n");
        for (Sample s : samples) {
            csv.append(String.format(
                    java.util.Locale.ROOT,
                    "%.1f,%d,%d,%d,%d,%.0f%n",
                    s.seconds(),
                    s.lifecycles(),
                    s.storeBytes(),
                    s.storeLargestFile(),
                    s.kafkaBytes(),
                    s.rssMb()));
        }
        Files.writeString(file, csv);
    }

    /** A line chart: x = lifecycles completed, y = MB; one line for the store's files, one for the Kafka log. */
    static void writeSvg(Path file, List<Sample> samples, String title) throws IOException {
        int width = 860;
        int height = 480;
        int left = 80;
        int right = 190;
        int top = 50;
        int bottom = 60;
        int plotW = width - left - right;
        int plotH = height - top - bottom;
        double maxX =
                Math.max(1, samples.stream().mapToInt(Sample::lifecycles).max().orElse(1));
        double maxY = Math.max(
                0.1,
                samples.stream()
                                .mapToLong(s -> Math.max(s.storeBytes(), s.kafkaBytes()))
                                .max()
                                .orElse(0)
                        / 1e6);
        double stepX = niceStep(maxX);
        double stepY = niceStep(maxY);
        double topX = Math.ceil(maxX / stepX) * stepX;
        double topY = Math.ceil(maxY / stepY) * stepY;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(
                        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                                + " font-family=\"sans-serif\" font-size=\"12\">%n",
                        width, height, width, height))
                .append(String.format("<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height))
                .append(String.format(
                        "<text x=\"%d\" y=\"24\" font-size=\"15\" font-weight=\"bold\">%s</text>%n",
                        left, escape(title)));
        // grid, ticks and tick labels
        for (double x = 0; x <= topX + stepX / 1e6; x += stepX) {
            double px = left + x / topX * plotW;
            svg.append(String.format(
                            java.util.Locale.ROOT,
                            "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#e4e4e4\"/>%n",
                            px,
                            top,
                            px,
                            top + plotH))
                    .append(String.format(
                            java.util.Locale.ROOT,
                            "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"black\"/>%n",
                            px,
                            top + plotH,
                            px,
                            top + plotH + 5))
                    .append(String.format(
                            java.util.Locale.ROOT,
                            "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                            px,
                            top + plotH + 19,
                            label(x)));
        }
        for (double y = 0; y <= topY + stepY / 1e6; y += stepY) {
            double py = top + plotH - y / topY * plotH;
            svg.append(String.format(
                            java.util.Locale.ROOT,
                            "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e4e4e4\"/>%n",
                            left,
                            py,
                            left + plotW,
                            py))
                    .append(String.format(
                            java.util.Locale.ROOT,
                            "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"black\"/>%n",
                            left - 5,
                            py,
                            left,
                            py))
                    .append(String.format(
                            java.util.Locale.ROOT,
                            "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                            left - 8,
                            py + 4,
                            label(y)));
        }
        // axes and their labels
        svg.append(String.format(
                        "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
                        left, top + plotH, left + plotW, top + plotH))
                .append(String.format(
                        "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
                        left, top, left, top + plotH))
                .append(String.format(
                        "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">repair lifecycles completed</text>%n",
                        left + plotW / 2, height - 14))
                .append(String.format(
                        "<text x=\"18\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 18 %d)\">MB on disk</text>%n",
                        top + plotH / 2, top + plotH / 2));
        // the lines and the legend
        String[][] series = {{"store files (mongo dir)", "#c0392b"}, {"Kafka log", "#2471a3"}};
        for (int i = 0; i < series.length; i++) {
            StringBuilder points = new StringBuilder();
            for (Sample s : samples) {
                double mb = (i == 0 ? s.storeBytes() : s.kafkaBytes()) / 1e6;
                points.append(String.format(
                        java.util.Locale.ROOT,
                        "%.1f,%.1f ",
                        left + s.lifecycles() / topX * plotW,
                        top + plotH - mb / topY * plotH));
            }
            svg.append(String.format(
                            "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n",
                            series[i][1], points.toString().trim()))
                    .append(String.format(
                            "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"/>%n",
                            left + plotW + 15, top + 10 + i * 20, left + plotW + 40, top + 10 + i * 20, series[i][1]))
                    .append(String.format(
                            "<text x=\"%d\" y=\"%d\">%s</text>%n", left + plotW + 46, top + 14 + i * 20, series[i][0]));
        }
        svg.append("</svg>\n");
        Files.writeString(file, svg);
    }

    /** 1, 2 or 5 times a power of ten, giving about five ticks up to {@code max}. */
    static double niceStep(double max) {
        double raw = max / 5;
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / power;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * power;
    }

    private static String label(double v) {
        return v == Math.rint(v)
                ? String.format(java.util.Locale.ROOT, "%,d", (long) v)
                : String.format(java.util.Locale.ROOT, "%.2g", v);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
