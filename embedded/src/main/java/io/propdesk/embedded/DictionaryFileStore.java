package io.propdesk.embedded;

import java.lang.reflect.Field;
import java.util.HashMap;
import java.util.Map;
import org.h2.compress.Compressor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.SingleFileStore;

/**
 * The store file whose MVStore compresses pages with {@link DictionaryDeflate} (Deflate with the store's page
 * dictionary) instead of H2's own Deflate. MVStore makes that compressor itself, in a private field, and reads its
 * first pages while it is constructed; a file store is started in that constructor before any page is read, so this
 * one puts the compressor in place then. The store reads the pages H2 compressed (LZF or Deflate) as before; H2's
 * own MVStore cannot read the pages this one writes.
 */
final class DictionaryFileStore extends SingleFileStore {

    private static final Field COMPRESSOR_HIGH = compressorField();

    private DictionaryFileStore(Map<String, Object> config) {
        super(config);
    }

    /** Opens (or creates) a store file: Deflate with the dictionary, no background commits of MVStore's own. */
    static MVStore open(String fileName) {
        return openStore(fileName, false);
    }

    /** Opens a store file to read it only (tools and tests that look into a file). */
    static MVStore openReadOnly(String fileName) {
        return openStore(fileName, true);
    }

    private static MVStore openStore(String fileName, boolean readOnly) {
        // the file store reads only its cache and auto-compaction settings from this: their defaults, as before
        DictionaryFileStore fileStore = new DictionaryFileStore(new HashMap<>());
        fileStore.open(fileName, readOnly, null);
        try {
            MVStore.Builder builder =
                    new MVStore.Builder().adoptFileStore(fileStore).compressHigh();
            return (readOnly ? builder.readOnly() : builder.autoCommitDisabled()).open();
        } catch (RuntimeException e) {
            fileStore.close();
            throw e;
        }
    }

    @Override
    public MVMap<String, String> start() {
        try {
            COMPRESSOR_HIGH.set(getMvStore(), DictionaryDeflate.compressor());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        return super.start();
    }

    private static Field compressorField() {
        try {
            Field field = MVStore.class.getDeclaredField("compressorHigh");
            if (field.getType() != Compressor.class) {
                throw new NoSuchFieldException("compressorHigh is a " + field.getType());
            }
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(
                    "this version of H2 keeps its page compressor elsewhere (MVStore.compressorHigh, H2 2.3.232); "
                            + "the store's dictionary pages would not read",
                    e);
        }
    }
}
