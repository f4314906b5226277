package io.propdesk.systemtests.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import io.propdesk.standalone.Options;
import io.propdesk.standalone.PropDeskStandalone;
import io.propdesk.standalone.Running;

/**
 * The reliability figures (issue 6): each fault kind run with the given number of tickets on its own fresh
 * standalone system, then one table: tickets run, faults injected, events lost, effects duplicated, 5xx seen.
 *
 * <pre>
 * java -cp standalone/target/standalone-0.1.0-SNAPSHOT.jar \
 *   -Dloader.main=io.propdesk.systemtests.reliability.ReliabilityRun \
 *   org.springframework.boot.loader.launch.PropertiesLauncher &lt;tickets per kind&gt; [parallel] [kinds]
 * </pre>
 * kinds: letters of a-f (default abcdef). Exit status 1 when anything was lost, duplicated or answered 5xx.
 */
public final class ReliabilityRun {

    private ReliabilityRun() {
    }

    public static void main(String[] args) throws IOException {
        int tickets = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int parallel = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        String kinds = args.length > 2 ? args[2] : "abcdef";
        List<FaultRuns.Row> rows = new ArrayList<>();
        long t0 = System.nanoTime();
        for (char kind : kinds.toCharArray()) {
            Function<FaultRuns, FaultRuns.Row> run = switch (kind) {
                case 'a' -> r -> r.serviceStops(tickets);
                case 'b' -> r -> r.brokerRestarts(tickets);
                case 'c' -> r -> r.poison(tickets);
                case 'd' -> r -> r.rebuild(tickets);
                case 'e' -> r -> r.twoDispatchers(tickets);
                case 'f' -> r -> r.hostile(tickets, 25, 20261127L);
                default -> throw new IllegalArgumentException("unknown fault kind " + kind);
            };
            Path dir = Files.createTempDirectory("propdesk-reliability-" + kind);
            long t = System.nanoTime();
            try (Running system = PropDeskStandalone.start(Options.randomPorts(dir))) {
                system.awaitHealthy(java.time.Duration.ofSeconds(90));
                FaultRuns.Row row = run.apply(new FaultRuns(system, "rel-" + kind + "-" + System.currentTimeMillis(),
                        parallel));
                rows.add(row);
                System.out.printf("%s: %d tickets in %.0f s%n", row.kind(), row.tickets(), (System.nanoTime() - t) / 1e9);
                row.notes().forEach(n -> System.out.println("  " + n));
                // the table so far, so that an interrupted long run still leaves its figures
                System.out.println(table(rows));
                System.out.flush();
            } finally {
                deleteQuietly(dir);
            }
        }
        System.out.println(table(rows));
        System.out.printf("total %.0f s%n", (System.nanoTime() - t0) / 1e9);
        boolean clean = rows.stream().allMatch(FaultRuns.Row::clean);
        System.exit(clean ? 0 : 1);
    }

    /** The same Markdown table every time. */
    public static String table(List<FaultRuns.Row> rows) {
        StringBuilder out = new StringBuilder();
        out.append("| fault kind | tickets run | faults injected | events lost | effects duplicated | 5xx seen |\n");
        out.append("|---|---|---|---|---|---|\n");
        int tickets = 0;
        int faults = 0;
        int lost = 0;
        int duplicated = 0;
        long fiveXx = 0;
        for (FaultRuns.Row r : rows) {
            out.append(String.format("| %s | %d | %d | %d | %d | %d |%n", r.kind(), r.tickets(), r.faults(), r.lost(),
                    r.duplicated(), r.fiveXx()));
            tickets += r.tickets();
            faults += r.faults();
            lost += r.lost();
            duplicated += r.duplicated();
            fiveXx += r.fiveXx();
        }
        out.append(String.format("| **all** | **%d** | **%d** | **%d** | **%d** | **%d** |%n", tickets, faults, lost,
                duplicated, fiveXx));
        return out.toString();
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }
}
