package io.posekit.runtime.config.cache;

import io.posekit.runtime.config.dict.ConfigDict;
import io.posekit.runtime.config.dict.ConfigList;
import io.posekit.runtime.config.dict.KeyOverride;
import io.posekit.spi.SourceLocation;
import io.posekit.spi.Tuple;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The binary form of a resolved config in {@link ResolvedConfigCache}: every value with its exact
 * type (int, long, big int, float bits, str, bool, None, tuple, list, dict with keys of any of
 * those), key order, and the provenance errors and {@code --explain} use (locations of dicts and
 * keys, override histories). Strings and locations are written once and referred to by number:
 * a config repeats its few file names in thousands of locations.
 */
final class ResolvedConfigCodec {
  private static final byte NONE = 0;
  private static final byte TRUE = 1;
  private static final byte FALSE = 2;
  private static final byte INT = 3;
  private static final byte LONG = 4;
  private static final byte BIG_INT = 5;
  private static final byte FLOAT = 6;
  private static final byte STR = 7;
  private static final byte TUPLE = 8;
  private static final byte LIST = 9;
  private static final byte DICT = 10;
  private static final int NEW = -1;
  private static final int ABSENT = -2;

  private ResolvedConfigCodec() {}

  /** Thrown for bytes that are not a well-formed encoding (a corrupt cache entry). */
  static final class MalformedEntry extends IOException {
    private static final long serialVersionUID = 1L;

    MalformedEntry(String message) {
      super(message);
    }
  }

  static final class Writer {
    private final DataOutputStream out;
    private final Map<String, Integer> strings = new HashMap<>();
    private final Map<SourceLocation, Integer> locations = new HashMap<>();

    Writer(DataOutputStream out) {
      this.out = out;
    }

    void writeInt(int v) throws IOException {
      out.writeInt(v);
    }

    void writeBoolean(boolean v) throws IOException {
      out.writeBoolean(v);
    }

    void writeBytes(byte[] bytes) throws IOException {
      out.writeInt(bytes.length);
      out.write(bytes);
    }

    void writeString(String s) throws IOException {
      Integer known = strings.get(s);
      if (known != null) {
        out.writeInt(known);
        return;
      }
      strings.put(s, strings.size());
      out.writeInt(NEW);
      writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    void writeLocation(SourceLocation location) throws IOException {
      if (location == null) {
        out.writeInt(ABSENT);
        return;
      }
      Integer known = locations.get(location);
      if (known != null) {
        out.writeInt(known);
        return;
      }
      locations.put(location, locations.size());
      out.writeInt(NEW);
      writeString(location.file());
      out.writeInt(location.line());
      out.writeInt(location.baseChain().size());
      for (String file : location.baseChain()) {
        writeString(file);
      }
    }

    void writeValue(Object value) throws IOException {
      if (value == null) {
        out.writeByte(NONE);
      } else if (value instanceof Boolean b) {
        out.writeByte(b ? TRUE : FALSE);
      } else if (value instanceof Integer i) {
        out.writeByte(INT);
        out.writeInt(i);
      } else if (value instanceof Long l) {
        out.writeByte(LONG);
        out.writeLong(l);
      } else if (value instanceof BigInteger b) {
        out.writeByte(BIG_INT);
        writeString(b.toString());
      } else if (value instanceof Double d) {
        out.writeByte(FLOAT);
        out.writeLong(Double.doubleToRawLongBits(d));
      } else if (value instanceof String s) {
        out.writeByte(STR);
        writeString(s);
      } else if (value instanceof Tuple t) {
        out.writeByte(TUPLE);
        out.writeInt(t.size());
        for (Object item : t) {
          writeValue(item);
        }
      } else if (value instanceof ConfigList l) {
        out.writeByte(LIST);
        out.writeInt(l.size());
        for (Object item : l) {
          writeValue(item);
        }
      } else if (value instanceof ConfigDict d) {
        out.writeByte(DICT);
        writeDict(d);
      } else {
        throw new IllegalArgumentException("not a config value: " + value.getClass().getName());
      }
    }

    private void writeDict(ConfigDict dict) throws IOException {
      writeLocation(dict.location().orElse(null));
      out.writeInt(dict.size());
      for (Map.Entry<Object, Object> e : dict.entrySet()) {
        writeValue(e.getKey());
        writeValue(e.getValue());
        writeLocation(dict.ownLocationOf(e.getKey()));
        List<KeyOverride> overrides = dict.overridesOf(e.getKey());
        out.writeInt(overrides.size());
        for (KeyOverride o : overrides) {
          out.writeByte(o.kind().ordinal());
          writeLocation(o.by());
          writeLocation(o.replaced());
          writeValue(o.previous());
        }
      }
    }
  }

  static final class Reader {
    private static final KeyOverride.Kind[] KINDS = KeyOverride.Kind.values();

    private final DataInputStream in;
    private static final int MAX_DEPTH = 2000;
    private final List<String> strings = new ArrayList<>();
    private int depth;
    private final List<SourceLocation> locations = new ArrayList<>();

    Reader(DataInputStream in) {
      this.in = in;
    }

    int readInt() throws IOException {
      return in.readInt();
    }

    /** A count: never negative, and no larger than the bytes left could hold. */
    int readCount() throws IOException {
      int n = in.readInt();
      if (n < 0 || n > in.available()) {
        throw new MalformedEntry("bad count " + n);
      }
      return n;
    }

    boolean readBoolean() throws IOException {
      return in.readBoolean();
    }

    byte[] readBytes() throws IOException {
      byte[] bytes = new byte[readCount()];
      in.readFully(bytes);
      return bytes;
    }

    String readString() throws IOException {
      int ref = in.readInt();
      if (ref == NEW) {
        String s = new String(readBytes(), StandardCharsets.UTF_8);
        strings.add(s);
        return s;
      }
      if (ref < 0 || ref >= strings.size()) {
        throw new MalformedEntry("bad string reference " + ref);
      }
      return strings.get(ref);
    }

    SourceLocation readLocation() throws IOException {
      int ref = in.readInt();
      if (ref == ABSENT) {
        return null;
      }
      if (ref == NEW) {
        String file = readString();
        int line = in.readInt();
        int n = readCount();
        List<String> chain = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          chain.add(readString());
        }
        SourceLocation location = new SourceLocation(file, line, chain);
        locations.add(location);
        return location;
      }
      if (ref < 0 || ref >= locations.size()) {
        throw new MalformedEntry("bad location reference " + ref);
      }
      return locations.get(ref);
    }

    Object readValue() throws IOException {
      byte tag = in.readByte();
      if (tag != TUPLE && tag != LIST && tag != DICT) {
        return readTagged(tag);
      }
      // a hostile entry nests deeper than any config can (Jython's recursion limit, Jackson's
      // and SnakeYAML's nesting limits): refused here instead of ending in a StackOverflowError
      if (++depth > MAX_DEPTH) {
        throw new MalformedEntry("values nested deeper than " + MAX_DEPTH);
      }
      try {
        return readTagged(tag);
      } finally {
        depth--;
      }
    }

    private Object readTagged(byte tag) throws IOException {
      switch (tag) {
        case NONE:
          return null;
        case TRUE:
          return Boolean.TRUE;
        case FALSE:
          return Boolean.FALSE;
        case INT:
          return in.readInt();
        case LONG:
          return in.readLong();
        case BIG_INT:
          try {
            return new BigInteger(readString());
          } catch (NumberFormatException e) {
            throw new MalformedEntry("bad big integer");
          }
        case FLOAT:
          return Double.longBitsToDouble(in.readLong());
        case STR:
          return readString();
        case TUPLE: {
          int n = readCount();
          Object[] items = new Object[n];
          for (int i = 0; i < n; i++) {
            items[i] = readValue();
          }
          return Tuple.of(items);
        }
        case LIST: {
          int n = readCount();
          ConfigList list = new ConfigList();
          for (int i = 0; i < n; i++) {
            list.add(readValue());
          }
          return list;
        }
        case DICT:
          return readDict();
        default:
          throw new MalformedEntry("bad value tag " + tag);
      }
    }

    ConfigDict readDict() throws IOException {
      ConfigDict dict = new ConfigDict(readLocation());
      int n = readCount();
      for (int i = 0; i < n; i++) {
        Object key = readValue();
        if (key instanceof ConfigDict || key instanceof ConfigList) {
          throw new MalformedEntry("unhashable dict key");
        }
        Object value = readValue();
        SourceLocation where = readLocation();
        int overrideCount = readCount();
        List<KeyOverride> overrides = new ArrayList<>(overrideCount);
        for (int o = 0; o < overrideCount; o++) {
          int kind = in.readByte();
          if (kind < 0 || kind >= KINDS.length) {
            throw new MalformedEntry("bad override kind " + kind);
          }
          overrides.add(new KeyOverride(KINDS[kind], readLocation(), readLocation(), readValue()));
        }
        dict.putRestored(key, value, where, List.copyOf(overrides));
      }
      return dict;
    }
  }
}
