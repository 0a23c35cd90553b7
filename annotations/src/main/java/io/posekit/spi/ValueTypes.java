package io.posekit.spi;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The {@link ValueType}s generated configs are built from. Reading follows Python where Python is
 * lenient in a safe way (an {@code int} is a fine {@code float}; a list or a tuple both give a
 * sequence) and is strict where a silent conversion would hide a mistake ({@code 2.0} or
 * {@code True} is not an {@code int}).
 */
public final class ValueTypes {
  private ValueTypes() {}

  public static final ValueType<Boolean> BOOLEAN =
      scalar("bool", (raw, path, reader) -> raw instanceof Boolean b ? b : null, b -> b);

  public static final ValueType<Integer> INT =
      scalar(
          "int",
          (raw, path, reader) -> {
            BigInteger big = integral(raw);
            return big != null && big.bitLength() < 32 ? big.intValue() : null;
          },
          i -> i);

  public static final ValueType<Long> LONG =
      scalar(
          "int",
          (raw, path, reader) -> {
            BigInteger big = integral(raw);
            return big != null && big.bitLength() < 64 ? big.longValue() : null;
          },
          l -> l);

  public static final ValueType<Double> DOUBLE =
      scalar(
          "float",
          (raw, path, reader) ->
              raw instanceof Number n && !(raw instanceof Boolean) ? n.doubleValue() : null,
          d -> d);

  /** Written back as the decimal the float was given as ({@code 0.1f} → {@code 0.1}). */
  public static final ValueType<Float> FLOAT =
      scalar(
          "float",
          (raw, path, reader) ->
              raw instanceof Number n && !(raw instanceof Boolean) ? n.floatValue() : null,
          f -> Double.parseDouble(Float.toString(f)));

  public static final ValueType<String> STRING =
      scalar("str", (raw, path, reader) -> raw instanceof CharSequence s ? s.toString() : null, s -> s);

  /** Any config value, kept as read: for parameters that take free-form dicts ({@code Object}). */
  public static final ValueType<Object> ANY = scalar("object", (raw, path, reader) -> raw, v -> v);

  /** A list of {@code element}; a tuple is accepted too. Written as a list. */
  public static <E> ValueType<List<E>> listOf(ValueType<E> element) {
    return new ValueType<>() {
      @Override
      public List<E> read(Object raw, KeyPath path, ConfigReader reader) {
        List<?> items = sequence(raw);
        if (items == null) {
          mismatch(raw, path, reader, this);
          return null;
        }
        List<E> out = new ArrayList<>(items.size());
        boolean ok = true;
        for (int i = 0; i < items.size(); i++) {
          E value = readItem(items, i, element, path, reader);
          ok &= value != null;
          out.add(value);
        }
        return ok ? Collections.unmodifiableList(out) : null;
      }

      @Override
      public Object write(List<E> value) {
        List<Object> out = new ArrayList<>(value.size());
        for (E item : value) {
          out.add(item == null ? null : element.write(item));
        }
        return out;
      }

      @Override
      public String describe() {
        return "list[" + element.describe() + "]";
      }
    };
  }

  /** A dict with string keys; insertion order is kept. */
  public static <V> ValueType<Map<String, V>> mapOf(ValueType<V> valueType) {
    return new ValueType<>() {
      @Override
      public Map<String, V> read(Object raw, KeyPath path, ConfigReader reader) {
        if (!(raw instanceof Map<?, ?> map)) {
          mismatch(raw, path, reader, this);
          return null;
        }
        Map<String, V> out = new LinkedHashMap<>();
        boolean ok = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          if (!(entry.getKey() instanceof String key)) {
            reader.problem(
                path, map, entry.getKey(),
                "dict keys must be str here, got " + ConfigReader.describe(entry.getKey()), null);
            ok = false;
            continue;
          }
          Object item = entry.getValue();
          if (item == null) {
            reader.problem(path.key(key), map, key, "None is not allowed here", null);
            ok = false;
            continue;
          }
          V value = valueType.read(item, path.key(key), reader);
          ok &= value != null;
          out.put(key, value);
        }
        return ok ? Collections.unmodifiableMap(out) : null;
      }

      @Override
      public Object write(Map<String, V> value) {
        Map<String, Object> out = new LinkedHashMap<>();
        value.forEach((k, v) -> out.put(k, v == null ? null : valueType.write(v)));
        return out;
      }

      @Override
      public String describe() {
        return "dict[str, " + valueType.describe() + "]";
      }
    };
  }

  /** A fixed-size or free-size tuple of ints as {@code int[]}; {@code size} < 0 means any size. */
  public static ValueType<int[]> intArray(int size) {
    return array("int", size, INT, int[]::new, (a, i, v) -> a[i] = v, (a, i) -> a[i], a -> a.length);
  }

  public static ValueType<long[]> longArray(int size) {
    return array("int", size, LONG, long[]::new, (a, i, v) -> a[i] = v, (a, i) -> a[i], a -> a.length);
  }

  public static ValueType<double[]> doubleArray(int size) {
    return array("float", size, DOUBLE, double[]::new, (a, i, v) -> a[i] = v, (a, i) -> a[i], a -> a.length);
  }

  public static ValueType<float[]> floatArray(int size) {
    return array(
        "float", size, FLOAT, float[]::new, (a, i, v) -> a[i] = v,
        (a, i) -> Double.parseDouble(Float.toString(a[i])), a -> a.length);
  }

  public static ValueType<boolean[]> booleanArray(int size) {
    return array("bool", size, BOOLEAN, boolean[]::new, (a, i, v) -> a[i] = v, (a, i) -> a[i], a -> a.length);
  }

  public static ValueType<String[]> stringArray(int size) {
    return array("str", size, STRING, String[]::new, (a, i, v) -> a[i] = v, (a, i) -> a[i], a -> a.length);
  }

  /**
   * An enum read from its config strings: {@code configValues[i]} names {@code constants[i]}.
   * {@code name} is the enum's simple name, for messages.
   */
  public static <E extends Enum<E>> ValueType<E> enumOf(String name, E[] constants, String[] configValues) {
    if (constants.length != configValues.length) {
      throw new IllegalArgumentException("one config value per constant of " + name);
    }
    List<String> values = List.of(configValues);
    return new ValueType<>() {
      @Override
      public E read(Object raw, KeyPath path, ConfigReader reader) {
        if (raw instanceof CharSequence text) {
          int at = values.indexOf(text.toString());
          if (at >= 0) {
            return constants[at];
          }
          String hint = Suggestions.didYouMean(text.toString(), values);
          reader.problem(
              path, null, null,
              "'" + text + "' is not a " + name + "; one of " + quoted(values) + " is needed",
              hint);
          return null;
        }
        mismatch(raw, path, reader, this);
        return null;
      }

      @Override
      public Object write(E value) {
        return configValues[value.ordinal()];
      }

      @Override
      public String describe() {
        return "str (" + name + ")";
      }
    };
  }

  /** Any registered module that implements {@code base}, read through the reader's resolver. */
  public static <T> ValueType<ModuleConfig<? extends T>> component(Class<T> base) {
    return component(base, null);
  }

  /**
   * As {@link #component(Class)}, in a module of scope {@code ownerScope}: a nested module of
   * another scope (not the root) is written back with its scope in its type
   * ({@code mmpretrain.VisionTransformer}), as a config must name it for MMEngine to find it again.
   */
  public static <T> ValueType<ModuleConfig<? extends T>> component(Class<T> base, String ownerScope) {
    return new ValueType<>() {
      @Override
      public ModuleConfig<? extends T> read(Object raw, KeyPath path, ConfigReader reader) {
        if (raw instanceof ModuleConfig<?> typed) {
          if (base.isAssignableFrom(typed.moduleType())) {
            @SuppressWarnings("unchecked")
            ModuleConfig<? extends T> cast = (ModuleConfig<? extends T>) typed;
            return cast;
          }
        }
        if (!(raw instanceof Map<?, ?> dict)) {
          mismatch(raw, path, reader, this);
          return null;
        }
        return reader.resolver().resolve(dict, path, base, reader);
      }

      @Override
      public Object write(ModuleConfig<? extends T> value) {
        Map<String, Object> map = value.toMap();
        String scope = value.scope();
        if (ownerScope == null || scope.equals(ownerScope) || scope.equals(io.posekit.annotations.Registries.ROOT_SCOPE)
            || !(map.get("type") instanceof String type) || type.indexOf('.') >= 0) {
          return map;
        }
        Map<String, Object> qualified = new java.util.LinkedHashMap<>(map);
        qualified.put("type", scope + "." + type);
        return qualified;
      }

      @Override
      public String describe() {
        return base.getSimpleName();
      }
    };
  }

  /** One component of a config record. */
  public record Field(String key, ValueType<?> type, boolean required, boolean nullable, Object defaultValue) {}

  public static Field requiredField(String key, ValueType<?> type, boolean nullable) {
    return new Field(key, type, true, nullable, null);
  }

  public static Field optionalField(String key, ValueType<?> type, boolean nullable, Object defaultValue) {
    return new Field(key, type, false, nullable, defaultValue);
  }

  /**
   * A plain config record (a dict without {@code type}): {@code create} receives the values of
   * {@code fields} in order, {@code components} gives them back.
   */
  public static <R> ValueType<R> record(
      String name, List<Field> fields, Function<Object[], R> create, Function<R, Object[]> components) {
    List<String> keys = fields.stream().map(Field::key).toList();
    return new ValueType<>() {
      @Override
      public R read(Object raw, KeyPath path, ConfigReader reader) {
        DictReader dict = reader.dict(raw, path, name);
        if (dict == null) {
          return null;
        }
        Object[] values = new Object[fields.size()];
        for (int i = 0; i < fields.size(); i++) {
          Field field = fields.get(i);
          if (!dict.has(field.key())) {
            if (field.required()) {
              dict.require(field.key(), field.type());
            }
            values[i] = field.defaultValue();
          } else if (dict.isNone(field.key()) && field.nullable()) {
            values[i] = null;
          } else {
            values[i] = dict.read(field.key(), field.type());
          }
        }
        dict.rejectUnknownKeys(keys);
        return dict.ok() ? create.apply(values) : null;
      }

      @Override
      @SuppressWarnings({"unchecked", "rawtypes"})
      public Object write(R value) {
        Object[] values = components.apply(value);
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < fields.size(); i++) {
          ValueType type = fields.get(i).type();
          out.put(fields.get(i).key(), values[i] == null ? null : type.write(values[i]));
        }
        return out;
      }

      @Override
      public String describe() {
        return name;
      }
    };
  }

  // --- helpers ---------------------------------------------------------------------------------

  private interface Reader<T> {
    T read(Object raw, KeyPath path, ConfigReader reader);
  }

  private static <T> ValueType<T> scalar(String name, Reader<T> convert, Function<T, Object> write) {
    return new ValueType<>() {
      @Override
      public T read(Object raw, KeyPath path, ConfigReader reader) {
        T value = convert.read(raw, path, reader);
        if (value == null) {
          mismatch(raw, path, reader, this);
        }
        return value;
      }

      @Override
      public Object write(T value) {
        return write.apply(value);
      }

      @Override
      public String describe() {
        return name;
      }
    };
  }

  private static BigInteger integral(Object raw) {
    if (raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof Byte) {
      return BigInteger.valueOf(((Number) raw).longValue());
    }
    return raw instanceof BigInteger big ? big : null;
  }

  private static void mismatch(Object raw, KeyPath path, ConfigReader reader, ValueType<?> type) {
    String hint = null;
    if (raw instanceof Double d && type.describe().equals("int") && d == Math.rint(d)) {
      hint = "write " + (long) (double) d + " without the decimal point";
    }
    reader.problem(
        path, null, null, "expected " + type.describe() + " but got " + ConfigReader.describe(raw), hint);
  }

  private static <E> E readItem(List<?> items, int i, ValueType<E> element, KeyPath path, ConfigReader reader) {
    Object item = items.get(i);
    if (item == null) {
      reader.problem(path.index(i), null, null, "None is not allowed in a list of " + element.describe(), null);
      return null;
    }
    return element.read(item, path.index(i), reader);
  }

  private interface Setter<A, V> {
    void set(A array, int index, V value);
  }

  private interface Getter<A> {
    Object get(A array, int index);
  }

  private static <A, V> ValueType<A> array(
      String element, int size, ValueType<V> elementType, java.util.function.IntFunction<A> create,
      Setter<A, V> set, Getter<A> get, java.util.function.ToIntFunction<A> length) {
    String described = size < 0 ? "tuple[" + element + ", ...]" : "tuple[" + String.join(", ", Collections.nCopies(size, element)) + "]";
    return new ValueType<>() {
      @Override
      public A read(Object raw, KeyPath path, ConfigReader reader) {
        List<?> items = sequence(raw);
        if (items == null) {
          mismatch(raw, path, reader, this);
          return null;
        }
        if (size >= 0 && items.size() != size) {
          reader.problem(
              path, null, null,
              "expected " + size + " values but got " + items.size() + " (" + ConfigReader.describe(raw) + ")", null);
          return null;
        }
        A out = create.apply(items.size());
        boolean ok = true;
        for (int i = 0; i < items.size(); i++) {
          V value = readItem(items, i, elementType, path, reader);
          if (value == null) {
            ok = false;
          } else {
            set.set(out, i, value);
          }
        }
        return ok ? out : null;
      }

      @Override
      public Object write(A value) {
        Object[] items = new Object[length.applyAsInt(value)];
        for (int i = 0; i < items.length; i++) {
          items[i] = get.get(value, i);
        }
        return Tuple.of(items);
      }

      @Override
      public String describe() {
        return described;
      }
    };
  }

  /** The items of a list or a tuple (Python code takes either as a sequence); null for anything else. */
  private static List<?> sequence(Object raw) {
    if (raw instanceof Tuple tuple) {
      return tuple.asList();
    }
    return raw instanceof List<?> list ? list : null;
  }

  static String quoted(List<String> values) {
    return Arrays.toString(values.stream().map(v -> "'" + v + "'").toArray());
  }
}
