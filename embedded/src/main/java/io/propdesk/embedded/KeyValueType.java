package io.propdesk.embedded;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The key type of the unique index maps of the file store (issue 19). mongo-java-server opens them with H2's
 * {@link ObjectDataType}, and {@link KeyValue} is not {@link Comparable}, so that type orders keys by their
 * Java-serialized bytes: every key comparison of a B-tree lookup or insert serialized both keys, which was most of
 * the cost of an {@code _id} lookup.
 *
 * <p>This type compares keys without serializing them: value by value, first by a rank of the value's exact class,
 * then by the value (strings by {@link String#compareTo}, numbers of the same class numerically with
 * {@link Double#compare} for doubles, ObjectIds and UUIDs by their bytes, documents entry by entry in their order,
 * lists element by element). Two keys are equal exactly when they were equal before: same classes, same values
 * (an {@code Integer 1} and a {@code Long 1} are different keys, as they were). A value of a class this type does
 * not know is ranked by its class name and, within one class, compared the old way.
 *
 * <p>Format of one key: the number of values (var int), then per value one tag byte and the value (strings in H2's
 * string format, numbers as fixed-width bits, dates as milliseconds, instants as seconds and nanoseconds,
 * documents as their entry count and entries, lists as their size and elements); a value of another class is
 * written by {@link ObjectDataType} behind tag {@link #LEGACY}. Since the order differs from the old one, a map
 * written with {@link ObjectDataType} cannot be read with this type: index maps of this type have their own names
 * ({@link DurableH2Backend}).
 */
final class KeyValueType extends BasicDataType<KeyValue> {

    private static final byte NULL = 1;
    private static final byte MISSING = 2;
    private static final byte FALSE = 3;
    private static final byte TRUE = 4;
    private static final byte INTEGER = 5;
    private static final byte LONG = 6;
    private static final byte DOUBLE = 7;
    private static final byte DECIMAL128 = 8;
    private static final byte STRING = 9;
    private static final byte OBJECT_ID = 10;
    private static final byte UUID_ = 11;
    private static final byte DATE = 12;
    private static final byte INSTANT = 13;
    private static final byte DOCUMENT = 14;
    private static final byte LIST = 15;
    static final byte LEGACY = 16;

    private final ObjectDataType legacy = new ObjectDataType();

    @Override
    public KeyValue[] createStorage(int size) {
        return new KeyValue[size];
    }

    @Override
    public int getMemory(KeyValue key) {
        int size = 24;
        for (Object value : key) {
            size += memory(value, 0);
        }
        return size;
    }

    @Override
    public int compare(KeyValue a, KeyValue b) {
        if (a == b) {
            return 0;
        }
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            int c = compareValues(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    @Override
    public void write(WriteBuffer buff, KeyValue key) {
        buff.putVarInt(key.size());
        for (Object value : key) {
            writeValue(buff, value);
        }
    }

    @Override
    public KeyValue read(ByteBuffer buff) {
        int size = DataUtils.readVarInt(buff);
        List<Object> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            values.add(readValue(buff));
        }
        return new KeyValue(values);
    }

    /** The tag of a value's exact class; {@link #LEGACY} for any other class. */
    private static byte tag(Object value) {
        if (value == null) {
            return NULL;
        }
        Class<?> type = value.getClass();
        if (type == String.class) {
            return STRING;
        } else if (type == Double.class) {
            return DOUBLE;
        } else if (type == Long.class) {
            return LONG;
        } else if (type == Integer.class) {
            return INTEGER;
        } else if (type == ObjectId.class) {
            return OBJECT_ID;
        } else if (type == Boolean.class) {
            return ((Boolean) value) ? TRUE : FALSE;
        } else if (type == Document.class) {
            return DOCUMENT;
        } else if (type == ArrayList.class) {
            return LIST;
        } else if (type == UUID.class) {
            return UUID_;
        } else if (type == Instant.class) {
            return INSTANT;
        } else if (type == Date.class) {
            return DATE;
        } else if (type == Decimal128.class) {
            return DECIMAL128;
        } else if (type == Missing.class) {
            return MISSING;
        }
        return LEGACY;
    }

    private int compareValues(Object a, Object b) {
        byte ta = tag(a);
        byte tb = tag(b);
        if (ta != tb) {
            return Byte.compare(ta, tb);
        }
        switch (ta) {
            case NULL, MISSING, FALSE, TRUE:
                return 0;
            case STRING:
                return ((String) a).compareTo((String) b);
            case DOUBLE:
                return Double.compare((Double) a, (Double) b);
            case LONG:
                return Long.compare((Long) a, (Long) b);
            case INTEGER:
                return Integer.compare((Integer) a, (Integer) b);
            case OBJECT_ID:
                return Arrays.compareUnsigned(((ObjectId) a).toByteArray(), ((ObjectId) b).toByteArray());
            case UUID_:
                return ((UUID) a).compareTo((UUID) b);
            case INSTANT:
                return ((Instant) a).compareTo((Instant) b);
            case DATE:
                return Long.compare(((Date) a).getTime(), ((Date) b).getTime());
            case DECIMAL128: {
                Decimal128 x = (Decimal128) a;
                Decimal128 y = (Decimal128) b;
                int c = Long.compare(x.getHigh(), y.getHigh());
                return c != 0 ? c : Long.compare(x.getLow(), y.getLow());
            }
            case DOCUMENT:
                return compareDocuments((Document) a, (Document) b);
            case LIST:
                return compareLists((List<?>) a, (List<?>) b);
            default: {
                int c = a.getClass().getName().compareTo(b.getClass().getName());
                return c != 0 ? c : this.legacy.compare(a, b);
            }
        }
    }

    private int compareDocuments(Document a, Document b) {
        Iterator<Map.Entry<String, Object>> x = a.entrySet().iterator();
        Iterator<Map.Entry<String, Object>> y = b.entrySet().iterator();
        while (x.hasNext() && y.hasNext()) {
            Map.Entry<String, Object> ex = x.next();
            Map.Entry<String, Object> ey = y.next();
            int c = ex.getKey().compareTo(ey.getKey());
            if (c == 0) {
                c = compareValues(ex.getValue(), ey.getValue());
            }
            if (c != 0) {
                return c;
            }
        }
        return Boolean.compare(x.hasNext(), y.hasNext());
    }

    private int compareLists(List<?> a, List<?> b) {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            int c = compareValues(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private void writeValue(WriteBuffer buff, Object value) {
        byte tag = tag(value);
        buff.put(tag);
        switch (tag) {
            case NULL, MISSING, FALSE, TRUE:
                return;
            case STRING:
                writeString(buff, (String) value);
                return;
            case DOUBLE:
                buff.putLong(Double.doubleToRawLongBits((Double) value));
                return;
            case LONG:
                buff.putLong((Long) value);
                return;
            case INTEGER:
                buff.putInt((Integer) value);
                return;
            case OBJECT_ID:
                buff.put(((ObjectId) value).toByteArray());
                return;
            case UUID_:
                buff.putLong(((UUID) value).getMostSignificantBits());
                buff.putLong(((UUID) value).getLeastSignificantBits());
                return;
            case INSTANT:
                buff.putLong(((Instant) value).getEpochSecond());
                buff.putInt(((Instant) value).getNano());
                return;
            case DATE:
                buff.putLong(((Date) value).getTime());
                return;
            case DECIMAL128:
                buff.putLong(((Decimal128) value).getLow());
                buff.putLong(((Decimal128) value).getHigh());
                return;
            case DOCUMENT: {
                Document document = (Document) value;
                buff.putVarInt(document.size());
                for (Map.Entry<String, Object> e : document.entrySet()) {
                    writeString(buff, e.getKey());
                    writeValue(buff, e.getValue());
                }
                return;
            }
            case LIST: {
                List<?> list = (List<?>) value;
                buff.putVarInt(list.size());
                for (Object element : list) {
                    writeValue(buff, element);
                }
                return;
            }
            default:
                this.legacy.write(buff, value);
        }
    }

    private Object readValue(ByteBuffer buff) {
        byte tag = buff.get();
        switch (tag) {
            case NULL:
                return null;
            case MISSING:
                return Missing.getInstance();
            case FALSE:
                return Boolean.FALSE;
            case TRUE:
                return Boolean.TRUE;
            case STRING:
                return readString(buff);
            case DOUBLE:
                return Double.longBitsToDouble(buff.getLong());
            case LONG:
                return buff.getLong();
            case INTEGER:
                return buff.getInt();
            case OBJECT_ID: {
                byte[] bytes = new byte[12];
                buff.get(bytes);
                return new ObjectId(bytes);
            }
            case UUID_:
                return new UUID(buff.getLong(), buff.getLong());
            case INSTANT:
                return Instant.ofEpochSecond(buff.getLong(), buff.getInt());
            case DATE:
                return new Date(buff.getLong());
            case DECIMAL128: {
                long low = buff.getLong();
                return new Decimal128(low, buff.getLong());
            }
            case DOCUMENT: {
                int size = DataUtils.readVarInt(buff);
                Document document = new Document();
                for (int i = 0; i < size; i++) {
                    String key = readString(buff);
                    document.put(key, readValue(buff));
                }
                return document;
            }
            case LIST: {
                int size = DataUtils.readVarInt(buff);
                List<Object> list = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    list.add(readValue(buff));
                }
                return list;
            }
            case LEGACY:
                return this.legacy.read(buff);
            default:
                throw new IllegalStateException("unknown index key value tag " + tag);
        }
    }

    /** H2's string format (its length in chars, then modified UTF-8): exact for every Java string. */
    private static void writeString(WriteBuffer buff, String s) {
        buff.putVarInt(s.length()).putStringData(s, s.length());
    }

    private static String readString(ByteBuffer buff) {
        return DataUtils.readString(buff);
    }

    private static int memory(Object value, int depth) {
        if (value instanceof String s) {
            return 40 + 2 * s.length();
        }
        if (depth < 16 && value instanceof Map<?, ?> map) {
            int size = 48;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                size += 32 + memory(e.getKey(), depth + 1) + memory(e.getValue(), depth + 1);
            }
            return size;
        }
        if (depth < 16 && value instanceof List<?> list) {
            int size = 32;
            for (Object o : list) {
                size += 8 + memory(o, depth + 1);
            }
            return size;
        }
        return 24;
    }
}
