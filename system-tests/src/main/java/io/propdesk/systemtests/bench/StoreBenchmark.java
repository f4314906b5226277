package io.propdesk.systemtests.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.netty.channel.Channel;
import io.propdesk.embedded.DurableH2Backend;
import io.propdesk.standalone.CommandLine;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.h2.mvstore.MVStore;

/**
 * The embedded durable store alone (issue 19): the MongoDB-wire server with a file store, driven through the real
 * driver by a churn workload shaped like a repair lifecycle's writes, for the store as it was (plain
 * {@link H2Backend} committed after every write command) and {@link DurableH2Backend}, side by side.
 *
 * <p>One lifecycle here: 18 event inserts (~1 KB, unique index on aggregate and sequence), 18 outbox upserts and
 * 18 deletes of the previous lifecycle's outbox entries, 28 inbox marker upserts (small, kept), 17 callback
 * ledger updates and 15 timeline pushes on per-ticket documents growing to a few KB, 10 list-row updates by
 * {@code _id}: 124 write commands.
 *
 * <p>Reports per store: durable write commands per second with 1 and with 4 writing threads, process CPU per
 * write (the server's share: process CPU minus the writing threads' own), and the store file's size at intervals
 * during the 4-thread run, with the growth per write and per lifecycle over its second half (the steady state).
 *
 * <p>Then a find phase (issue 19, the index key type): a collection of {@code --docs} documents (default 100,000,
 * string {@code _id}s, ~200 bytes) and {@code --finds} (default 20,000) finds of {@code _id $in} 8 random ids from one
 * thread: finds per second and server CPU per find.
 *
 * <p>{@code --lifecycles=N} (4-thread run, default 2000), {@code --single=N} (1-thread run, default 200),
 * {@code --stores=old,new}, {@code --docs=N}, {@code --finds=N}.
 */
public final class StoreBenchmark {

    static final int WRITES_PER_LIFECYCLE = 124;

    private static final String FILLER = "The tenant reports water coming through the bathroom ceiling of flat %d; "
            + "steward %s asked for an acceptor visit before noon. ";

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private StoreBenchmark() {}

    public static void main(String[] argv) throws Exception {
        Set<String> options = Set.of("lifecycles", "single", "stores", "docs", "finds");
        CommandLine args = BenchmarkCommand.parse("store-bench", argv, options, given -> {
            if (given.number("lifecycles", 2000) < 8
                    || given.number("single", 200) < 1
                    || !Set.of("old", "new").containsAll(given.list("stores", List.of()))) {
                throw new IllegalArgumentException("needs --lifecycles ≥ 8, --single ≥ 1, --stores of old,new");
            }
            given.number("docs", 0);
            given.number("finds", 0);
        });
        int lifecycles = args.number("lifecycles", 2000);
        int single = args.number("single", 200);
        List<String> stores = args.list("stores", List.of("old", "new"));
        int docs = args.number("docs", 100_000);
        int finds = args.number("finds", 20_000);
        StoreBenchmark bench = new StoreBenchmark();
        List<String> results = new ArrayList<>();
        for (String store : stores) {
            results.add(bench.run(store, single, lifecycles, docs, finds));
        }
        System.out.println();
        results.forEach(System.out::println);
        System.exit(0);
    }

    private String run(String store, int single, int lifecycles, int docs, int finds) throws Exception {
        Path dir = Files.createTempDirectory("propdesk-store-bench");
        Path file = dir.resolve("store.mv");
        MongoBackend backend = store.equals("old")
                ? CommitPerWrite.open(file.toString())
                : DurableH2Backend.open(file.toString(), false);
        MongoServer server = new MongoServer(backend);
        StringBuilder report = new StringBuilder();
        try {
            String uri = server.bindAndGetConnectionString();
            try (MongoClient client = MongoClients.create(uri)) {
                MongoDatabase db = client.getDatabase("bench");
                db.getCollection("events")
                        .createIndex(
                                Indexes.ascending("aggregateIdentifier", "sequenceNumber"),
                                new IndexOptions().unique(true));
                AtomicInteger nextTicket = new AtomicInteger();
                Phase one = phase(db, 1, single, nextTicket, file, null);
                List<String> sizes = new ArrayList<>();
                Phase four = phase(db, 4, lifecycles, nextTicket, file, sizes);
                long half = four.sizeAtHalf;
                long end = four.sizeAtEnd;
                double writesSecondHalf = (double) four.writes / 2;
                report.append(String.format(
                        Locale.ROOT,
                        "%s store (%s):%n"
                                + "  1 thread : %,.0f writes/s, server CPU %.1f µs/write (process %.1f µs/write), %d lifecycles%n"
                                + "  4 threads: %,.0f writes/s, server CPU %.1f µs/write (process %.1f µs/write), %d lifecycles%n"
                                + "  file: %,d bytes after %,d writes; steady state (second half) %.1f bytes/write ="
                                + " %.1f KB/lifecycle%n"
                                + "  file size by lifecycle: %s%n",
                        store,
                        backend.getClass().getSimpleName(),
                        one.writesPerSecond(),
                        one.serverCpuMicrosPerWrite(),
                        one.processCpuMicrosPerWrite(),
                        single,
                        four.writesPerSecond(),
                        four.serverCpuMicrosPerWrite(),
                        four.processCpuMicrosPerWrite(),
                        lifecycles,
                        end,
                        one.writes + four.writes,
                        (end - half) / writesSecondHalf,
                        (end - half) / writesSecondHalf * WRITES_PER_LIFECYCLE / 1000,
                        String.join(", ", sizes)));
                report.append(findPhase(db, docs, finds));
                if (backend instanceof DurableH2Backend durable) {
                    report.append(String.format(
                            Locale.ROOT,
                            "  commits (checkpoints): %,d and log records: %,d for %,d writes%n",
                            durable.commitCount(),
                            durable.loggedCount(),
                            one.writes + four.writes));
                }
            }
        } finally {
            server.shutdownNow();
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(f -> f.toFile().delete());
            }
        }
        System.out.print(report);
        return report.toString();
    }

    /** {@code _id $in} of 8 random ids against a collection of {@code docs} documents, from one thread. */
    private String findPhase(MongoDatabase db, int docs, int finds) {
        MongoCollection<Document> coll = db.getCollection("lookups");
        List<Document> batch = new ArrayList<>();
        for (int i = 0; i < docs; i++) {
            batch.add(new Document("_id", "ticket-" + i)
                    .append("status", "OPEN")
                    .append("flat", i % 997)
                    .append("note", String.format(Locale.ROOT, FILLER, i % 997, "s-" + i % 13)));
            if (batch.size() == 1000) {
                coll.insertMany(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            coll.insertMany(batch);
        }
        java.util.Random random = new java.util.Random(19);
        long found = 0;
        long cpu0 = this.os.getProcessCpuTime();
        long c0 = this.threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        for (int f = 0; f < finds; f++) {
            List<String> ids = new ArrayList<>(8);
            for (int k = 0; k < 8; k++) {
                ids.add("ticket-" + random.nextInt(docs));
            }
            for (Document ignored : coll.find(Filters.in("_id", ids))) {
                found++;
            }
        }
        long nanos = System.nanoTime() - t0;
        long client = this.threads.getCurrentThreadCpuTime() - c0;
        long cpu = this.os.getProcessCpuTime() - cpu0;
        return String.format(
                Locale.ROOT,
                "  finds (_id $in 8 of %,d docs, 1 thread): %,.0f finds/s, server CPU %.1f µs/find (process %.1f"
                        + " µs/find), %,d documents found%n",
                docs,
                finds / (nanos / 1e9),
                (cpu - client) / 1e3 / finds,
                cpu / 1e3 / finds,
                found);
    }

    private record Phase(long writes, long nanos, long processCpu, long clientCpu, long sizeAtHalf, long sizeAtEnd) {

        double writesPerSecond() {
            return this.writes / (this.nanos / 1e9);
        }

        double serverCpuMicrosPerWrite() {
            return (this.processCpu - this.clientCpu) / 1e3 / this.writes;
        }

        double processCpuMicrosPerWrite() {
            return this.processCpu / 1e3 / this.writes;
        }
    }

    private Phase phase(
            MongoDatabase db, int threadCount, int lifecycles, AtomicInteger nextTicket, Path file, List<String> sizes)
            throws Exception {
        AtomicInteger done = new AtomicInteger();
        AtomicLong clientCpu = new AtomicLong();
        AtomicLong sizeAtHalf = new AtomicLong();
        int every = Math.max(1, lifecycles / 10);
        ExecutorService pool = Executors.newFixedThreadPool(threadCount);
        long cpu0 = this.os.getProcessCpuTime();
        long t0 = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threadCount; t++) {
            futures.add(pool.submit(() -> {
                long c0 = this.threads.getCurrentThreadCpuTime();
                int previous = -1;
                while (true) {
                    int n = done.getAndIncrement();
                    if (n >= lifecycles) {
                        break;
                    }
                    int ticket = nextTicket.getAndIncrement();
                    lifecycle(db, ticket, previous);
                    previous = ticket;
                    int finished = n + 1;
                    if (sizes != null && finished % every == 0) {
                        long size = file.toFile().length();
                        synchronized (sizes) {
                            sizes.add(String.format(Locale.ROOT, "%d: %,d", finished, size));
                        }
                        if (finished == every * 5) {
                            sizeAtHalf.set(size);
                        }
                    }
                }
                if (previous >= 0) {
                    deleteOutbox(db, previous);
                }
                clientCpu.addAndGet(this.threads.getCurrentThreadCpuTime() - c0);
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        long nanos = System.nanoTime() - t0;
        long cpu = this.os.getProcessCpuTime() - cpu0;
        pool.shutdown();
        long writes = (long) lifecycles * WRITES_PER_LIFECYCLE;
        return new Phase(
                writes,
                nanos,
                cpu,
                clientCpu.get(),
                sizeAtHalf.get(),
                file.toFile().length());
    }

    /** 124 write commands for one ticket; the previous ticket's outbox entries are deleted along the way. */
    private static void lifecycle(MongoDatabase db, int ticket, int previous) {
        MongoCollection<Document> events = db.getCollection("events");
        MongoCollection<Document> outbox = db.getCollection("outbox");
        MongoCollection<Document> inbox = db.getCollection("inbox");
        MongoCollection<Document> ledgers = db.getCollection("callback_ledgers");
        MongoCollection<Document> timeline = db.getCollection("ticket_timeline");
        MongoCollection<Document> rows = db.getCollection("ticket_list");
        String aggregate = "ticket-" + ticket;
        UpdateOptions upsert = new UpdateOptions().upsert(true);
        int marker = 0;
        for (int seq = 0; seq < 18; seq++) {
            String eventId = aggregate + ":" + seq;
            Date now = new Date();
            events.insertOne(new Document("_id", eventId)
                    .append("aggregateIdentifier", aggregate)
                    .append("sequenceNumber", (long) seq)
                    .append("type", "Ticket")
                    .append("payloadType", "io.propdesk.contracts.ticket.TicketEvent" + (seq % 7))
                    .append("timestamp", now.toInstant().toString())
                    .append(
                            "payload",
                            new Document("ticketId", aggregate)
                                    .append("estate", "e1")
                                    .append(
                                            "note",
                                            String.format(Locale.ROOT, FILLER, ticket % 500, "steward-" + ticket % 9))
                                    .append("amount", new org.bson.types.Decimal128(seq * 1250L))
                                    .append("at", now)
                                    .append("tags", List.of("repair", "kind-" + seq % 4))));
            outbox.updateOne(
                    Filters.eq("_id", eventId),
                    Updates.combine(Updates.set("topic", "propdesk.ticket.events"), Updates.set("sent", false)),
                    upsert);
            if (previous >= 0) {
                outbox.deleteOne(Filters.eq("_id", "ticket-" + previous + ":" + seq));
            }
            for (int k = 0; k < (seq % 2 == 0 ? 2 : 1) && marker < 28; k++, marker++) {
                inbox.updateOne(
                        Filters.eq("_id", "group-" + marker % 5 + ":" + eventId + ":" + k),
                        Updates.setOnInsert("at", now),
                        upsert);
            }
            if (seq < 17) {
                ledgers.updateOne(
                        Filters.eq("_id", aggregate),
                        Updates.combine(
                                Updates.push(
                                        "entries",
                                        new Document("entry", eventId)
                                                .append("at", now)
                                                .append("kind", "call")),
                                Updates.set("last", seq)),
                        upsert);
            }
            if (seq < 15) {
                timeline.updateOne(
                        Filters.eq("_id", aggregate),
                        Updates.push(
                                "entries",
                                new Document("status", "S" + seq % 6)
                                        .append("at", now)
                                        .append("by", "desk-1")
                                        .append("text", "status changed by the desk after the tenant's call")),
                        upsert);
            }
            if (seq < 10) {
                rows.updateOne(
                        Filters.eq("_id", aggregate),
                        Updates.combine(
                                Updates.set("status", "S" + seq),
                                Updates.set("updatedAt", now),
                                Updates.set("summary", String.format(Locale.ROOT, FILLER, ticket % 500, "s")),
                                Updates.set(
                                        "sequences",
                                        new Document("ticket", (long) seq).append("dispatch", (long) seq / 2))),
                        upsert);
            }
        }
        while (marker < 28) {
            inbox.updateOne(
                    Filters.eq("_id", "late:" + aggregate + ":" + marker++),
                    Updates.setOnInsert("at", new Date()),
                    upsert);
        }
        if (previous < 0) {
            // the first lifecycle of a thread has no previous outbox: keep 124 writes per lifecycle
            for (int seq = 0; seq < 18; seq++) {
                outbox.deleteOne(Filters.eq("_id", "none:" + seq));
            }
        }
    }

    private static void deleteOutbox(MongoDatabase db, int ticket) {
        db.getCollection("outbox").deleteMany(Filters.regex("_id", "^ticket-" + ticket + ":"));
    }

    /** The store before issue 19: stock H2Backend (Java-serialized documents), committed after each write command. */
    static final class CommitPerWrite extends H2Backend {

        CommitPerWrite(MVStore store) {
            super(store);
        }

        static CommitPerWrite open(String fileName) {
            return new CommitPerWrite(new MVStore.Builder().fileName(fileName).open());
        }

        @Override
        public de.bwaldvogel.mongo.bson.Document handleCommand(
                Channel channel, String databaseName, String command, de.bwaldvogel.mongo.bson.Document query) {
            try {
                return super.handleCommand(channel, databaseName, command, query);
            } finally {
                if (getMvStore().hasUnsavedChanges()) {
                    commit();
                }
            }
        }
    }
}
