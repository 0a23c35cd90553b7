package io.posekit.configgen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import io.posekit.spi.ModuleConfig;
import java.lang.reflect.Array;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builder code for typed configs: for each key the dict wrote, the value the runtime's reader put
 * into the typed config, written as a Java expression of the type the generated builder takes
 * ({@code int[]}, {@code List<Integer>}, {@code Optional}, nested {@code ModuleConfig}, enums).
 */
final class TypedValues {
  private static final String TYPE_KEY = "type";
  private static final String SCOPE_KEY = "_scope_";

  private final TypedDictReader reader;
  private final SourceComments comments;

  TypedValues(TypedDictReader reader, SourceComments comments) {
    this.reader = reader;
    this.comments = comments;
  }

  /** {@code XConfig.builder()...build()} setting the keys {@code written} holds (all when null). */
  CodeBlock fresh(ModuleConfig<?> config, Object written) {
    if (config instanceof Record record) {
      return record(record, written); // a module config with keys its runner takes (HookCfg, ...)
    }
    CodeBlock.Builder code = CodeBlock.builder().add("$T.builder()", configClass(config));
    setters(code, config, written instanceof Map<?, ?> m ? m : null, null);
    return code.add("\n.build()").build();
  }

  /**
   * {@code ((XConfig) base).toBuilder()...build()} setting only {@code keys} (a child's partial
   * override of its base's typed dict), values taken from {@code merged}.
   */
  CodeBlock setters(CodeBlock.Builder code, ModuleConfig<?> config, Map<?, ?> written, Iterable<?> keys) {
    Map<String, String> methods = reader.builderMethods(config);
    Iterable<?> chosen = keys != null ? keys : written != null ? written.keySet() : methods.keySet();
    for (Object key : chosen) {
      if (TYPE_KEY.equals(key) || SCOPE_KEY.equals(key)) {
        continue;
      }
      String method = methods.get(String.valueOf(key));
      if (method == null) {
        throw new ConfigGenException(config.type() + " has no parameter '" + key + "' (its reader accepted it)");
      }
      code.add("\n").add(comments.lineComment(written, key));
      code.add(".$L($L)", method, setterArgument(config, method, written == null ? null : written.get(key)));
    }
    return code.build();
  }

  /** The argument of builder method {@code method}: the accessor's value, Optional unwrapped. */
  CodeBlock setterArgument(ModuleConfig<?> config, String method, Object written) {
    Method accessor = accessor(config, method);
    Object value = invoke(accessor, config);
    Type type = accessor.getGenericReturnType();
    if (value instanceof Optional<?> optional && type instanceof ParameterizedType p) {
      return optional.isPresent()
          ? value(optional.get(), p.getActualTypeArguments()[0], written)
          : CodeBlock.of("$T.empty()", Optional.class);
    }
    return value(value, type, written);
  }

  /** The value of parameter {@code method} in {@code config} (for a partial override's recursion). */
  Object parameter(ModuleConfig<?> config, String method) {
    return invoke(accessor(config, method), config);
  }

  CodeBlock value(Object value, Type type, Object written) {
    if (value == null) {
      return CodeBlock.of("null");
    }
    if (value instanceof ModuleConfig<?> nested) {
      return fresh(nested, written);
    }
    Class<?> raw = rawType(type);
    if (raw.isArray() || value.getClass().isArray()) {
      Class<?> component = value.getClass().getComponentType();
      List<CodeBlock> items = new ArrayList<>();
      for (int i = 0; i < Array.getLength(value); i++) {
        items.add(scalarOfType(Array.get(value, i), component));
      }
      return CodeBlock.of("new $T[] {$L}", component, CodeBlock.join(items, ", "));
    }
    if (value instanceof Enum<?> e) {
      return CodeBlock.of("$T.$L", e.getDeclaringClass(), e.name());
    }
    if (value instanceof Record record) {
      return record(record, written);
    }
    if (value instanceof Optional<?> optional) {
      Type element = typeArgument(type, 0);
      return optional.isPresent()
          ? CodeBlock.of("$T.of($L)", Optional.class, value(optional.get(), element, written))
          : CodeBlock.of("$T.empty()", Optional.class);
    }
    if (List.class.isAssignableFrom(raw) && value instanceof List<?> list) {
      Type element = typeArgument(type, 0);
      List<?> writtenItems = written instanceof List<?> w && w.size() == list.size() ? w : null;
      List<CodeBlock> items = new ArrayList<>();
      boolean hasNull = false;
      for (int i = 0; i < list.size(); i++) {
        hasNull |= list.get(i) == null;
        items.add(value(list.get(i), element, writtenItems == null ? null : writtenItems.get(i)));
      }
      return CodeBlock.of(hasNull ? "$T.asList($L)" : "$T.of($L)", hasNull ? Arrays.class : List.class,
          CodeBlock.join(items, ", "));
    }
    if (Map.class.isAssignableFrom(raw) && value instanceof Map<?, ?> map && type instanceof ParameterizedType) {
      Type element = typeArgument(type, 1);
      Map<?, ?> writtenMap = written instanceof Map<?, ?> w ? w : Map.of();
      List<CodeBlock> items = new ArrayList<>();
      map.forEach((k, v) -> {
        items.add(Literals.plain(k));
        items.add(value(v, element, writtenMap.get(k)));
      });
      return CodeBlock.of("$T.stringDict($L)", Literals.TREES, CodeBlock.join(items, ", "));
    }
    CodeBlock scalar = scalarOfType(value, raw);
    return scalar != null ? scalar : Literals.plain(value);
  }

  private CodeBlock record(Record record, Object written) {
    List<CodeBlock> args = new ArrayList<>();
    for (RecordComponent component : record.getClass().getRecordComponents()) {
      Object v;
      try {
        v = component.getAccessor().invoke(record);
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new ConfigGenException("cannot read record component " + component, e);
      }
      if (v instanceof ModuleConfig<?> part && written instanceof Map<?, ?> dict && !(v instanceof Record)) {
        // one dict written for several configs (a hook and its runner's priority): each sets its own keys
        Map<String, String> methods = reader.builderMethods(part);
        List<Object> own = dict.keySet().stream().filter(k -> methods.containsKey(String.valueOf(k))).map(k -> (Object) k).toList();
        CodeBlock.Builder code = CodeBlock.builder().add("$T.builder()", configClass(part));
        setters(code, part, dict, own);
        args.add(code.add("\n.build()").build());
      } else {
        args.add(value(v, component.getGenericType(), null));
      }
    }
    return CodeBlock.of("new $T($L)", record.getClass(), CodeBlock.join(args, ", "));
  }

  /** A scalar written as the exact primitive the target takes ({@code 2L}, {@code 2.0}). */
  private static CodeBlock scalarOfType(Object value, Class<?> target) {
    if (value instanceof Number n && (target == long.class || target == Long.class)) {
      return CodeBlock.of("$LL", n.longValue());
    }
    if (value instanceof Number n && (target == double.class || target == Double.class)) {
      return Literals.doubleLiteral(n.doubleValue());
    }
    if (value instanceof Number n && (target == float.class || target == Float.class)) {
      return Literals.scalar(n.floatValue());
    }
    return Literals.scalar(value);
  }

  static ClassName configClass(ModuleConfig<?> config) {
    return ClassName.get(config.getClass());
  }

  private static Method accessor(ModuleConfig<?> config, String method) {
    try {
      return config.getClass().getMethod(method);
    } catch (NoSuchMethodException e) {
      throw new ConfigGenException(config.getClass().getName() + " has no accessor " + method + "()", e);
    }
  }

  private static Object invoke(Method accessor, Object target) {
    try {
      return accessor.invoke(target);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new ConfigGenException("cannot read " + accessor, e);
    }
  }

  private static Type typeArgument(Type type, int index) {
    return type instanceof ParameterizedType p && p.getActualTypeArguments().length > index
        ? p.getActualTypeArguments()[index] : Object.class;
  }

  private static Class<?> rawType(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    }
    if (type instanceof GenericArrayType g) {
      return Array.newInstance(rawType(g.getGenericComponentType()), 0).getClass();
    }
    if (type instanceof java.lang.reflect.WildcardType w) {
      return rawType(w.getUpperBounds()[0]);
    }
    return Object.class;
  }
}
