package io.propdesk.embedded;

import de.bwaldvogel.mongo.bson.Document;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * Lists the words of the schema in a store file, for a page dictionary of {@link DictionaryDeflate}: field names,
 * the names inside the events' JSON, event types, class names, service paths and enum-like constants, never a
 * value of a document (ids, names, times, estates, sealed data). Rarest first, so that the commonest words sit
 * nearest the pages. A developer's tool, not part of the product:
 *
 * <pre>java -cp embedded/target/classes:embedded/target/test-classes:&lt;classpath&gt;
 *     io.propdesk.embedded.PageDictionaryWords &lt;propdesk.mv&gt; &gt; page-dictionary-N.txt</pre>
 *
 * <p>{@code page-dictionary-1.txt} was made from the store of the system benchmark's synthetic estate after 10,000
 * repair lifecycles; then its words are schema words, the same on every estate.
 */
public final class PageDictionaryWords {

    private static final Pattern FIELD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{1,39}");
    private static final Pattern JSON_FIELD = Pattern.compile("\"([A-Za-z][A-Za-z0-9]{1,39})\":");
    private static final Pattern SCHEMA_VALUE = Pattern.compile(
            "io\\.propdesk(\\.[A-Za-z0-9_$]+)+|propdesk\\.[a-z]+\\.[A-Za-z]+\\.v[0-9]+|/[a-z]+-service|[A-Z][A-Z0-9_]{1,30}");
    private static final Pattern DATA_LIKE = Pattern.compile(".*([0-9]{3}|[0-9a-f]{8}|bench).*");
    private static final int MAX_BYTES = 32 * 1024;

    private PageDictionaryWords() {}

    public static void main(String[] args) {
        MVStore store = DictionaryFileStore.openReadOnly(args[0]);
        Map<String, Integer> counts = new HashMap<>();
        try {
            for (String name : store.getMapNames()) {
                if (!name.startsWith("databases.")) {
                    continue;
                }
                MVMap<Object, Object> map =
                        store.openMap(name, new MVMap.Builder<Object, Object>().valueType(new BsonDocumentType()));
                for (Object value : map.values()) {
                    walk(StoredDocument.document(value), counts);
                }
            }
        } finally {
            store.close();
        }
        List<Map.Entry<String, Integer>> words = counts.entrySet().stream()
                .filter(e ->
                        e.getValue() >= 100 && !DATA_LIKE.matcher(e.getKey()).matches())
                .sorted(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .toList();
        int bytes = 0;
        int first = words.size();
        while (first > 0 && bytes + words.get(first - 1).getKey().length() + 1 <= MAX_BYTES) {
            first--;
            bytes += words.get(first).getKey().length() + 1;
        }
        System.out.println("# Page dictionary of the embedded store (DictionaryDeflate): words of the schema only,");
        System.out.println(
                "# rarest first, one per line; made by io.propdesk.embedded.PageDictionaryWords. Never edit");
        System.out.println("# a dictionary that has been released: pages name it by its Adler-32.");
        for (Map.Entry<String, Integer> word : words.subList(first, words.size())) {
            System.out.println(word.getKey());
        }
    }

    private static void walk(Object value, Map<String, Integer> counts) {
        if (value instanceof Document document) {
            for (Map.Entry<String, Object> field : document.entrySet()) {
                if (FIELD.matcher(field.getKey()).matches()) {
                    counts.merge(field.getKey(), 1, Integer::sum);
                }
                walk(field.getValue(), counts);
            }
        } else if (value instanceof List<?> list) {
            list.forEach(element -> walk(element, counts));
        } else if (value instanceof String text) {
            if (SCHEMA_VALUE.matcher(text).matches()) {
                counts.merge(text, 1, Integer::sum);
            }
            Matcher json = JSON_FIELD.matcher(text);
            while (json.find()) {
                counts.merge("\"" + json.group(1) + "\":", 1, Integer::sum);
            }
        }
    }
}
