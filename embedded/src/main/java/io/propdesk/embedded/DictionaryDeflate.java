package io.propdesk.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.Adler32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.h2.compress.Compressor;
import org.h2.mvstore.DataUtils;

/**
 * Deflate for the store's pages with a preset dictionary (issue 19, disk): the words PropDesk's documents share,
 * so that a page, which is compressed on its own and holds from one to a few dozen documents, need not spell out
 * its field names, event types and class names before it can refer back to them. The dictionary holds only such
 * words of the schema, never a value of a document ({@code page-dictionary-1.txt}, how it was made is in its first
 * lines).
 *
 * <p>A page names its dictionary by the dictionary's Adler-32 in its zlib header, and a page compressed without one
 * (every page written before, with H2's own Deflate) reads as before. A dictionary once used is never changed: its
 * pages would no longer read. A new one is added beside it, under a new number, and becomes the one written.
 */
public final class DictionaryDeflate implements Compressor {

    /** The dictionary pages are compressed with now. */
    static final Dictionary CURRENT = Dictionary.load("page-dictionary-1.txt", 0xcd66_c836L);

    /** Every dictionary a page of a store file may name, by its Adler-32. */
    private static final Map<Long, Dictionary> KNOWN = Map.of(CURRENT.adler(), CURRENT);

    private static final DictionaryDeflate INSTANCE = new DictionaryDeflate();

    private DictionaryDeflate() {}

    /** The compressor: stateless, so one for every store. */
    public static Compressor compressor() {
        return INSTANCE;
    }

    /** A dictionary's bytes and their Adler-32, checked against the value its pages carry. */
    record Dictionary(String name, byte[] bytes, long adler) {

        static Dictionary load(String name, long expectedAdler) {
            try (InputStream in = DictionaryDeflate.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException("the store's page dictionary " + name + " is missing");
                }
                byte[] bytes = words(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                Adler32 adler = new Adler32();
                adler.update(bytes);
                if (adler.getValue() != expectedAdler) {
                    throw new IllegalStateException("the store's page dictionary " + name + " has changed (Adler-32 "
                            + Long.toHexString(adler.getValue()) + ", pages name "
                            + Long.toHexString(expectedAdler) + "): pages compressed with it would not read");
                }
                return new Dictionary(name, bytes, expectedAdler);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The words of the file (one per line after its comment lines), each followed by a zero byte as in BSON. */
        private static byte[] words(String text) {
            StringBuilder dictionary = new StringBuilder();
            for (String line : text.split("\n", -1)) {
                if (!line.isEmpty() && !line.startsWith("#")) {
                    dictionary.append(line).append('\0');
                }
            }
            return dictionary.toString().getBytes(StandardCharsets.UTF_8);
        }
    }

    @Override
    public int getAlgorithm() {
        return Compressor.DEFLATE;
    }

    @Override
    public void setOptions(String options) {
        // no options: the level is Deflate's default, as H2's
    }

    @Override
    public int compress(byte[] in, int inPos, int inLen, byte[] out, int outPos) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
        try {
            deflater.setDictionary(CURRENT.bytes());
            deflater.setInput(in, inPos, inLen);
            deflater.finish();
            int compressed = deflater.deflate(out, outPos, out.length - outPos);
            if (!deflater.finished()) {
                return out.length; // MVStore's buffer holds twice the page; a page that would not fit stays as it is
            }
            return outPos + compressed;
        } finally {
            deflater.end();
        }
    }

    @Override
    public void expand(byte[] in, int inPos, int inLen, byte[] out, int outPos, int outLen) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(in, inPos, inLen);
            int length = inflater.inflate(out, outPos, outLen);
            if (length == 0 && inflater.needsDictionary()) {
                Dictionary dictionary = KNOWN.get(inflater.getAdler() & 0xffff_ffffL);
                if (dictionary == null) {
                    throw DataUtils.newMVStoreException(
                            DataUtils.ERROR_FILE_CORRUPT,
                            "a page names a dictionary this version does not know (Adler-32 {0}): written by a newer "
                                    + "version of PropDesk?",
                            Long.toHexString(inflater.getAdler() & 0xffff_ffffL));
                }
                inflater.setDictionary(dictionary.bytes());
                length = inflater.inflate(out, outPos, outLen);
            }
            if (length != outLen) {
                throw new DataFormatException(length + " " + outLen);
            }
        } catch (DataFormatException e) {
            throw DataUtils.newMVStoreException(DataUtils.ERROR_FILE_CORRUPT, "a page does not inflate: {0}", e);
        } finally {
            inflater.end();
        }
    }
}
