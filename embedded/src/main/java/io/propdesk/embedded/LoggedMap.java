package io.propdesk.embedded;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.DataType;

/**
 * An MVMap whose changes made by a write command are also written into that command's {@link Recording}, for the
 * store's {@link OperationLog} (issue 19). Every change of an MVMap - put, putIfAbsent, remove, replace - goes
 * through {@link #operate}; the change is recorded as the key's value after it (or its removal), with a sequence
 * number taken right after it. The document maps and their index maps are changed only under their collection's
 * lock, so for any one key the sequence numbers follow the order of its changes, and replaying the records in that
 * order restores the last value of each key. Changes made outside a command (compaction moving pages, the recovery's
 * own replay) are not recorded.
 */
final class LoggedMap<K, V> extends MVMap<K, V> {

    private final Supplier<Recording> recordings;

    private LoggedMap(
            Map<String, Object> config, DataType<K> keyType, DataType<V> valueType, Supplier<Recording> recordings) {
        super(config, keyType, valueType);
        this.recordings = recordings;
    }

    @Override
    public V operate(K key, V value, DecisionMaker<? super V> decisionMaker) {
        V old = super.operate(key, value, decisionMaker);
        Recording recording = this.recordings.get(); // only while a command runs on this thread
        if (recording == null) {
            return old;
        }
        if (decisionMaker == DecisionMaker.PUT) {
            recording.put(this, key, value);
        } else if (decisionMaker == DecisionMaker.REMOVE) {
            if (old != null) {
                recording.remove(this, key);
            }
        } else {
            V now = get(key);
            if (now == null) {
                recording.remove(this, key);
            } else {
                recording.put(this, key, now);
            }
        }
        return old;
    }

    @Override
    public void clear() {
        super.clear();
        Recording recording = this.recordings.get();
        if (recording != null) {
            recording.structureChanged(); // not recorded key by key: the command's reply waits for a checkpoint
        }
    }

    /** Builds {@link LoggedMap}s with the key and value types given to it. */
    static final class Builder<K, V> extends MVMap.Builder<K, V> {

        private final Supplier<Recording> recordings;

        Builder(Supplier<Recording> recordings) {
            this.recordings = recordings;
        }

        @Override
        public Builder<K, V> keyType(DataType<? super K> dataType) {
            setKeyType(dataType);
            return this;
        }

        @Override
        public Builder<K, V> valueType(DataType<? super V> dataType) {
            setValueType(dataType);
            return this;
        }

        @Override
        protected MVMap<K, V> create(Map<String, Object> config) {
            config.put("singleWriter", false);
            return new LoggedMap<>(config, getKeyType(), getValueType(), this.recordings);
        }
    }

    /**
     * The changes of one command on one thread (reused for the thread's next command). Format of a change: sequence
     * number (long), map id (int), 1 for a put or 0 for a removal (byte), the length of what follows (int), the key
     * in the map's key type and, for a put, the value in its value type.
     */
    static final class Recording {

        static final byte REMOVE = 0;

        static final byte PUT = 1;

        private final AtomicLong sequence;

        private final WriteBuffer buffer = new WriteBuffer(1024);

        boolean active;

        private int changes;

        private boolean structureChanged;

        Recording(AtomicLong sequence) {
            this.sequence = sequence;
        }

        void start() {
            this.buffer.clear();
            this.buffer.putLong(0); // the record's header, filled in by the log
            this.changes = 0;
            this.structureChanged = false;
            this.active = true;
        }

        /** Stops recording; true if the command changed a map. */
        boolean stop() {
            this.active = false;
            return this.changes > 0;
        }

        /** The record to append: header and changes, positioned at its start. */
        ByteBuffer record() {
            ByteBuffer bytes = this.buffer.getBuffer().duplicate();
            bytes.flip();
            return bytes;
        }

        /** A collection or an index was created, dropped or renamed: the command is committed, not only logged. */
        void structureChanged() {
            this.structureChanged = true;
        }

        boolean isStructureChanged() {
            return this.structureChanged;
        }

        <K, V> void put(MVMap<K, V> map, K key, V value) {
            int lengthAt = begin(map, PUT);
            map.getKeyType().write(this.buffer, key);
            map.getValueType().write(this.buffer, value);
            end(lengthAt);
        }

        <K, V> void remove(MVMap<K, V> map, K key) {
            int lengthAt = begin(map, REMOVE);
            map.getKeyType().write(this.buffer, key);
            end(lengthAt);
        }

        private int begin(MVMap<?, ?> map, byte kind) {
            this.buffer.putLong(this.sequence.incrementAndGet());
            this.buffer.putInt(map.getId());
            this.buffer.put(kind);
            int lengthAt = this.buffer.position();
            this.buffer.putInt(0);
            return lengthAt;
        }

        private void end(int lengthAt) {
            this.buffer.putInt(lengthAt, this.buffer.position() - lengthAt - 4);
            this.changes++;
        }
    }

    /**
     * A change read back from the log, in {@link Recording}'s format: the key and value stay encoded until the map,
     * and so their types, is known.
     */
    record Change(long sequence, int mapId, byte kind, ByteBuffer body) {

        static Change read(ByteBuffer payload) {
            long sequence = payload.getLong();
            int mapId = payload.getInt();
            byte kind = payload.get();
            int length = payload.getInt();
            ByteBuffer body = payload.slice(payload.position(), length);
            payload.position(payload.position() + length);
            return new Change(sequence, mapId, kind, body);
        }

        void applyTo(MVMap<Object, Object> map) {
            ByteBuffer bytes = this.body.duplicate();
            Object key = map.getKeyType().read(bytes);
            if (this.kind == Recording.PUT) {
                map.put(key, map.getValueType().read(bytes));
            } else {
                map.remove(key);
            }
        }
    }
}
