package io.propdesk.embedded;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;

/**
 * Child-JVM program for the hard-kill test: opens the H2 file store, makes {@code n} acknowledged writes of each
 * kind through the real driver from four threads at once, prints "ready" and waits to be killed.
 *
 * <p>Args: {@code <file> <n> [durable|plain]}. "plain" uses mongo-java-server's stock {@link H2Backend} (commits in
 * the background about once a second) to show what the per-write commit prevents.
 */
public final class MongoWriterMain {

    public static final String READY = "ready";

    private MongoWriterMain() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        boolean plain = args.length > 2 && args[2].equals("plain");
        String uri;
        if (plain) {
            MongoServer server = new MongoServer(new H2Backend(file.toString()));
            uri = server.bindAndGetConnectionString();
        } else {
            uri = EmbeddedMongo.builder().file(file).start().connectionString();
        }
        try (MongoClient client = MongoClients.create(uri)) {
            MongoCollection<Document> docs = client.getDatabase("propdesk_test").getCollection("docs");
            MongoCollection<Document> counters =
                    client.getDatabase("propdesk_test").getCollection("counters");
            counters.insertOne(new Document("_id", "c").append("n", 0));
            // four writers at once (issue 19: concurrent writes share commits; each reply still waits for one)
            int writers = 4;
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int first = w;
                done.add(pool.submit(() -> {
                    for (int i = first; i < n; i += writers) {
                        docs.insertOne(
                                new Document("_id", "doc-" + i).append("i", i).append("state", "new"));
                        docs.updateOne(Filters.eq("_id", "doc-" + i), Updates.set("state", "updated"));
                        counters.findOneAndUpdate(
                                Filters.eq("_id", "c"),
                                Updates.inc("n", 1),
                                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
                        docs.insertOne(new Document("_id", "tmp-" + i));
                        docs.deleteOne(Filters.eq("_id", "tmp-" + i));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
        }
        // every write above has been acknowledged; now wait for the kill
        System.out.println(READY);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
