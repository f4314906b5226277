package io.propdesk.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.Deflater;
import org.h2.compress.CompressDeflate;
import org.h2.compress.Compressor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 19, disk: the store's pages compressed with Deflate and a preset dictionary of the schema's words. */
class DictionaryDeflateTest {

    @TempDir
    Path tmp;

    private final Compressor dictionary = DictionaryDeflate.compressor();

    /** A page of event documents as the store holds them: the schema's words, with values of their own. */
    private static byte[] page() {
        StringBuilder page = new StringBuilder();
        for (int n = 0; n < 3; n++) {
            page.append("{\"ticketId\":\"T-4f1c2e0")
                    .append(n)
                    .append("\",\"estateId\":\"maple-court\",")
                    .append("\"kind\":\"REPAIR\",\"department\":\"ENGINEERING\",\"stewardId\":\"wang-li\",")
                    .append("\"openedAt\":\"2026-03-0")
                    .append(n + 1)
                    .append("T08:15:00Z\"}")
                    .append("io.propdesk.contracts.callback.ObligationOpened propdesk.callback.ObligationOpened.v1");
        }
        return page.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] compress(Compressor compressor, byte[] page) {
        byte[] out = new byte[page.length * 2];
        return Arrays.copyOf(out, compressor.compress(page, 0, page.length, out, 0));
    }

    private static byte[] expand(Compressor compressor, byte[] compressed, int length) {
        byte[] out = new byte[length];
        compressor.expand(compressed, 0, compressed.length, out, 0, length);
        return out;
    }

    @Test
    void aPageCompressedWithTheDictionaryIsSmallerThanWithH2sDeflateAndReadsBack_issue19() {
        byte[] page = page();

        byte[] withDictionary = compress(dictionary, page);
        byte[] withoutDictionary = compress(new CompressDeflate(), page);

        assertThat(withDictionary.length).isLessThan(withoutDictionary.length * 9 / 10);
        assertThat(expand(dictionary, withDictionary, page.length)).isEqualTo(page);
    }

    @Test
    void aPageH2CompressedWithoutTheDictionaryStillReads_issue19() {
        byte[] page = page();

        assertThat(expand(dictionary, compress(new CompressDeflate(), page), page.length))
                .isEqualTo(page);
    }

    @Test
    void aPageNamingADictionaryThisVersionDoesNotKnowIsAClearError() {
        byte[] page = page();
        Deflater deflater = new Deflater();
        deflater.setDictionary("some other dictionary".getBytes(StandardCharsets.UTF_8));
        deflater.setInput(page);
        deflater.finish();
        byte[] out = new byte[page.length * 2];
        byte[] compressed = Arrays.copyOf(out, deflater.deflate(out));
        deflater.end();

        assertThatThrownBy(() -> expand(dictionary, compressed, page.length))
                .isInstanceOf(MVStoreException.class)
                .hasMessageContaining("a page names a dictionary this version does not know");
    }

    /** A file written by H2's own Deflate (the store before the dictionary) opens, takes new pages and reads both. */
    @Test
    void aStoreFileWrittenWithH2sDeflateReadsAfterItsNewPagesUseTheDictionary_issue19() {
        String file = tmp.resolve("deflate.mv").toString();
        MVStore plain = new MVStore.Builder().fileName(file).compressHigh().open();
        MVMap<Integer, String> written = plain.openMap("rows");
        for (int n = 0; n < 2_000; n++) {
            written.put(n, row(n, "before"));
        }
        plain.close();

        DurableH2Backend backend = DurableH2Backend.open(file, false);
        MVMap<Integer, String> rows = backend.getMvStore().openMap("rows");
        assertThat(rows.get(1234)).isEqualTo(row(1234, "before"));
        for (int n = 0; n < 2_000; n += 2) {
            rows.put(n, row(n, "after"));
        }
        backend.close();

        DurableH2Backend reopened = DurableH2Backend.open(file, false);
        try {
            MVMap<Integer, String> again = reopened.getMvStore().openMap("rows");
            for (int n = 0; n < 2_000; n++) {
                assertThat(again.get(n)).isEqualTo(row(n, n % 2 == 0 ? "after" : "before"));
            }
        } finally {
            reopened.close();
        }
        assertThatThrownBy(() -> new MVStore.Builder()
                        .fileName(file)
                        .readOnly()
                        .open()
                        .openMap("rows")
                        .get(0))
                .as("H2's own store cannot read the dictionary's pages")
                .isInstanceOf(MVStoreException.class);
    }

    private static String row(int n, String version) {
        return "{\"ticketId\":\"T-" + n + "\",\"kind\":\"REPAIR\",\"status\":\"" + version + "\"}";
    }
}
