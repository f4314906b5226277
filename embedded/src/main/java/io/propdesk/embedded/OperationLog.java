package io.propdesk.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file store's write-ahead log (issue 19): the changes of each write command, appended to a segment file beside the
 * store file before the command's reply, so that the store file itself is committed only now and then ({@link
 * DurableH2Backend}).
 *
 * <p>A segment is {@code <store file>.log.<n>}. It begins with {@link #MAGIC} and the id of the store file it belongs to
 * (a segment of another file, say one left beside a file that was replaced, is not read); then come records: the
 * payload's length (int), the CRC-32C of the payload (int) and the payload, each written with one {@code write}. A record that is cut short or fails its checksum ends the
 * reading of its segment: it can only be the last one, the record of a command killed before its reply. A new segment
 * is started at each checkpoint, and the segments before it are deleted once the checkpoint's commit is on file.
 */
final class OperationLog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OperationLog.class);

    /** Bytes of a record's header: payload length and checksum. */
    static final int HEADER = 8;

    private static final String SEGMENT = ".log.";

    /** The first bytes of a segment ("PDLOG1" and two zero bytes), then the store's id (long). */
    static final long MAGIC = 0x50444C4F47310000L;

    private final long storeId;

    private final Path storeFile;

    private final boolean syncToDisk;

    private FileChannel channel;

    private long segment;

    private long bytesInSegment;

    private long records;

    private OperationLog(Path storeFile, long storeId, boolean syncToDisk, long segment) {
        this.storeFile = storeFile;
        this.storeId = storeId;
        this.syncToDisk = syncToDisk;
        this.segment = segment;
        this.channel = create(segmentFile(storeFile, segment));
    }

    /** Starts a new segment after every one that exists (call after {@link #read}; the old ones stay until deleted). */
    static OperationLog open(Path storeFile, long storeId, boolean syncToDisk) {
        List<Long> existing = segmentNumbers(storeFile);
        long next = existing.isEmpty() ? 1 : existing.get(existing.size() - 1) + 1;
        return new OperationLog(storeFile, storeId, syncToDisk, next);
    }

    /**
     * Hands every intact record's payload of every segment, oldest first, to {@code payloads}; a torn or corrupt record
     * ends its segment.
     */
    static void read(Path storeFile, long storeId, Consumer<ByteBuffer> payloads) {
        for (long n : segmentNumbers(storeFile)) {
            ByteBuffer segment;
            try {
                segment = ByteBuffer.wrap(Files.readAllBytes(segmentFile(storeFile, n)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the store's log " + segmentFile(storeFile, n), e);
            }
            if (segment.remaining() < 16 || segment.getLong() != MAGIC || segment.getLong() != storeId) {
                log.warn("{} is not a log of the store {} and is not read", segmentFile(storeFile, n), storeFile);
                continue;
            }
            while (segment.remaining() >= HEADER) {
                int length = segment.getInt(segment.position());
                int checksum = segment.getInt(segment.position() + 4);
                if (length < 0 || length > segment.remaining() - HEADER) {
                    break; // cut short: the last record, never acknowledged
                }
                ByteBuffer payload = segment.slice(segment.position() + HEADER, length);
                if (checksum(payload.duplicate()) != checksum) {
                    break;
                }
                payloads.accept(payload);
                segment.position(segment.position() + HEADER + length);
            }
        }
    }

    /** Writes one record whose header ({@link #HEADER} bytes, not yet filled in) and payload are in {@code record}. */
    synchronized void append(ByteBuffer record) {
        int length = record.remaining() - HEADER;
        record.putInt(record.position(), length);
        record.putInt(record.position() + 4, checksum(record.slice(record.position() + HEADER, length)));
        try {
            while (record.hasRemaining()) {
                this.channel.write(record);
            }
            if (this.syncToDisk) {
                this.channel.force(false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the store's log " + segmentFile(storeFile, segment), e);
        }
        this.bytesInSegment += HEADER + length;
        this.records++;
    }

    /** Bytes appended to the current segment. */
    synchronized long bytesInSegment() {
        return this.bytesInSegment;
    }

    /** Records appended since the log was opened. */
    synchronized long records() {
        return this.records;
    }

    /**
     * Starts a new segment, unless the current one is still empty; returns the number of the segment now written to.
     */
    synchronized long rotate() {
        if (this.bytesInSegment == 0) {
            return this.segment;
        }
        closeChannel();
        this.segment++;
        this.channel = create(segmentFile(storeFile, segment));
        this.bytesInSegment = 0;
        return this.segment;
    }

    /** Deletes the segments before {@code first}. */
    void deleteBefore(long first) {
        for (long n : segmentNumbers(storeFile)) {
            if (n < first) {
                delete(segmentFile(storeFile, n));
            }
        }
    }

    /** Closes the current segment and deletes it if it is empty (call once a checkpoint holds every record). */
    @Override
    public synchronized void close() {
        closeChannel();
        if (this.bytesInSegment == 0) {
            delete(segmentFile(storeFile, segment));
        }
    }

    private void closeChannel() {
        try {
            this.channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int checksum(ByteBuffer bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return (int) crc.getValue();
    }

    private FileChannel create(Path file) {
        try {
            FileChannel created = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            ByteBuffer header =
                    ByteBuffer.allocate(16).putLong(MAGIC).putLong(this.storeId).flip();
            while (header.hasRemaining()) {
                created.write(header);
            }
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the store's log " + file, e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the store's log " + file, e);
        }
    }

    static Path segmentFile(Path storeFile, long n) {
        return storeFile.resolveSibling(storeFile.getFileName() + SEGMENT + n);
    }

    /** The numbers of the segments beside the store file, in ascending order. */
    static List<Long> segmentNumbers(Path storeFile) {
        Path dir = storeFile.toAbsolutePath().getParent();
        String prefix = storeFile.getFileName() + SEGMENT;
        List<Long> numbers = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.map(f -> f.getFileName().toString())
                    .filter(name -> name.startsWith(prefix))
                    .forEach(name -> {
                        try {
                            numbers.add(Long.parseLong(name.substring(prefix.length())));
                        } catch (NumberFormatException notOurs) {
                            // another file that happens to share the prefix
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the store's log segments in " + dir, e);
        }
        numbers.sort(Comparator.naturalOrder());
        return numbers;
    }
}
