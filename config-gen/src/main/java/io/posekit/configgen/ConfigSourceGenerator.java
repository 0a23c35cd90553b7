package io.posekit.configgen;

import io.posekit.spi.PyTruth;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.posekit.configgen.TypedDictReader.Foreign;
import io.posekit.configgen.TypedDictReader.ModuleData;
import io.posekit.configgen.TypedDictReader.Reading;
import io.posekit.configgen.TypedDictReader.Typed;
import io.posekit.configgen.TypedDictReader.Unreadable;
import io.posekit.spi.ModuleConfig;
import io.posekit.spi.Tuple;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.lang.model.element.Modifier;

/**
 * Writes one Java class per config file: its {@code config()} starts from its bases' configs and
 * applies the file's own variables in the order the file wrote them, each statement under a
 * {@code // file:line} comment. A dict merged into a typed base dict of the same module becomes
 * {@code toBuilder()} with the keys the file wrote; {@code _delete_=True} or a change of type builds
 * afresh. Typed dicts become the generated builders; dicts of modules with no Java implementation
 * stay plain dicts with a comment saying why.
 */
public final class ConfigSourceGenerator {
  private static final String TYPE_KEY = "type";
  private static final String DELETE_KEY = "_delete_";
  /** Plain values whose code is longer than this get a method of their own (javac's 64 KB per method). */
  private static final int PART_CHARS = 6000;
  private static final TypeName ROOT_MAP =
      ParameterizedTypeName.get(ClassName.get(Map.class), ClassName.OBJECT, ClassName.OBJECT);

  /**
   * @param basePackage the package of classes for files in the root directory
   * @param root the config root: names and comments are relative to it
   * @param lenient true: a typed dict that does not read (unknown type) stays a plain dict with a
   *     comment (the compatibility run); false: it is an error (builds of shipped configs)
   */
  public record Options(String basePackage, Path root, boolean lenient) {
    public Options {
      Objects.requireNonNull(basePackage, "basePackage");
      Objects.requireNonNull(root, "root");
    }
  }

  /** A typed dict left plain, for reports. */
  public record PlainDict(String file, String path, String type, String reason, boolean foreign) {}

  /** The generated files (relative path to source, sorted) and the typed dicts left plain. */
  public record Result(Map<String, String> sources, List<PlainDict> plainDicts) {
    /** The fully-qualified name of the class generated for config {@code name}. */
    public static String className(String basePackage, String name) {
      String pkg = JavaNames.packageName(basePackage, name);
      return pkg.isEmpty() ? JavaNames.className(name) : pkg + "." + JavaNames.className(name);
    }
  }

  private final TypedDictReader reader;
  private final Options options;
  private final SourceComments comments;
  private final TypedValues typedValues;
  private final Map<String, Map<List<Object>, Reading>> readings = new HashMap<>();
  private final List<PlainDict> plainDicts = new ArrayList<>();

  public ConfigSourceGenerator(TypedDictReader reader, Options options) {
    this.reader = reader;
    this.options = options;
    this.comments = new SourceComments(options.root());
    this.typedValues = new TypedValues(reader, comments);
  }

  /**
   * Generates a class for every layer ({@code layers} must hold every base of every layer).
   *
   * @throws ConfigGenException naming file, line and key path of a dict that does not read (unless lenient)
   */
  public Result generate(List<ConfigLayer> layers) {
    Map<String, ConfigLayer> byName = new LinkedHashMap<>();
    for (ConfigLayer layer : layers) {
      if (byName.put(layer.name(), layer) != null) {
        throw new ConfigGenException("config " + layer.name() + " given twice");
      }
    }
    Map<String, String> classes = new HashMap<>();
    Map<String, String> sources = new TreeMap<>();
    for (ConfigLayer layer : byName.values()) {
      String qualified = Result.className(options.basePackage(), layer.name());
      String clash = classes.putIfAbsent(qualified.toLowerCase(java.util.Locale.ROOT), layer.name());
      if (clash != null) {
        throw new ConfigGenException(layer.name() + " and " + clash + " would both generate " + qualified
            + "; rename one of the files");
      }
      JavaFile file = new LayerWriter(layer, byName).write();
      sources.put(file.packageName().replace('.', '/') + (file.packageName().isEmpty() ? "" : "/")
          + file.typeSpec().name() + ".java", JavaFormatting.format(file.toString()));
    }
    return new Result(sources, List.copyOf(plainDicts));
  }

  private Reading reading(ConfigLayer layer, List<Object> path, Map<?, ?> dict) {
    Map<List<Object>, Reading> perLayer = readings.computeIfAbsent(layer.name(), n -> new HashMap<>());
    Reading known = perLayer.get(path);
    if (known != null) {
      return known;
    }
    Reading read = reader.read(layer, path, dict);
    perLayer.put(List.copyOf(path), read);
    if (read instanceof Unreadable u) {
      if (!options.lenient()) {
        throw new ConfigGenException(u.message());
      }
      plainDicts.add(new PlainDict(layer.name(), dotted(path), u.type(), u.message(), false));
    } else if (read instanceof Foreign f) {
      plainDicts.add(new PlainDict(layer.name(), dotted(path), f.type(), f.reason(), true));
    }
    return read;
  }

  static String dotted(List<Object> path) {
    StringBuilder out = new StringBuilder();
    for (Object segment : path) {
      if (out.length() > 0) {
        out.append('.');
      }
      out.append(segment);
    }
    return out.toString();
  }

  /** Writes the class of one config file. */
  private final class LayerWriter {
    private final ConfigLayer layer;
    private final Map<String, ConfigLayer> layers;
    private final List<MethodSpec> parts = new ArrayList<>();

    LayerWriter(ConfigLayer layer, Map<String, ConfigLayer> layers) {
      this.layer = layer;
      this.layers = layers;
    }

    JavaFile write() {
      comments.setCurrentFile(layer.name());
      String pkg = JavaNames.packageName(options.basePackage(), layer.name());
      ClassName self = ClassName.get(pkg, JavaNames.className(layer.name()));
      MethodSpec.Builder config = MethodSpec.methodBuilder("config")
          .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
          .returns(ROOT_MAP)
          .addJavadoc("The config of {@code $L} as its loader gives it: a dict tree whose typed dicts are\n"
              + "typed configs. A new, modifiable root dict on each call.\n", layer.name());
      Map<?, ?> own = layer.lazy() ? lazyImports(config) : baseMerges(config);
      for (Map.Entry<?, ?> e : own.entrySet()) {
        Object key = e.getKey();
        if (!layer.merged().containsKey(key)) {
          continue; // dropped by the loader (dunder names)
        }
        List<Object> path = List.of(key);
        Inherited inherited = inherited(key);
        Object ownValue = e.getValue();
        String where = comments.where(own, key).orElse(layer.name());
        CodeBlock value;
        if (ownValue instanceof Map<?, ?> ownDict && inherited != null && inherited.value() instanceof Map<?, ?> baseDict
            && !deletes(ownDict)) {
          config.addComment("$L: $L the value of $L", where, layer.lazy() ? "updates" : "merged into",
              describeBase(inherited));
          value = merge(path, ownDict, (Map<?, ?>) layer.merged().get(key), inherited.layer(), baseDict);
        } else {
          if (inherited == null) {
            config.addComment("$L", where);
          } else if (ownValue instanceof Map<?, ?> ownDict && deletes(ownDict) && !layer.lazy()) {
            config.addComment("$L: _delete_=True replaces the value of $L", where, describeBase(inherited));
          } else {
            config.addComment("$L: replaces the value of $L", where, describeBase(inherited));
          }
          value = fresh(path, layer.merged().get(key));
        }
        config.addStatement("cfg.put($L, $L)", Literals.plain(key), value);
      }
      config.addStatement("return cfg");
      TypeSpec type = TypeSpec.classBuilder(self)
          .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
          .addJavadoc("The config file {@code $L}, written with the typed-config builders.\n", layer.name())
          .addField(com.palantir.javapoet.FieldSpec.builder(String.class, "SOURCE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
              .addJavadoc("The config file this class was generated from, relative to the config root.\n")
              .initializer("$S", layer.name())
              .build())
          .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
          .addMethod(config.build())
          .addMethods(parts)
          .build();
      return JavaFile.builder(pkg, type)
          .addFileComment("Generated by posekit config-gen from $L. Do not edit: change the config file.", layer.name())
          .skipJavaLangImports(true)
          .build();
    }

    /**
     * {@code _base_} bases: the first starts the root dict, the others are added; a base written
     * {@code scope::path} first gets its {@code _scope_}. Returns the file's own values.
     */
    private Map<?, ?> baseMerges(MethodSpec.Builder config) {
      if (layer.bases().isEmpty()) {
        config.addStatement("$T cfg = $T.root()", ROOT_MAP, Literals.TREES);
      }
      for (int i = 0; i < layer.bases().size(); i++) {
        String base = layer.bases().get(i);
        CodeBlock baseConfig = CodeBlock.of("$T.config()", baseClass(base));
        String scope = layer.baseScopes().get(base);
        if (scope != null) {
          config.addComment("_base_: $L::$L (_scope_ '$L' on its outermost typed dicts, as MMEngine)", scope, base, scope);
          baseConfig = CodeBlock.of("$T.scoped($L, $S)", Literals.TREES, baseConfig, scope);
        } else {
          config.addComment("_base_: $L", base);
        }
        if (i == 0) {
          config.addStatement("$T cfg = $T.root($L)", ROOT_MAP, Literals.TREES, baseConfig);
        } else {
          config.addStatement("cfg.putAll($L)", baseConfig);
        }
      }
      return layer.own();
    }

    /**
     * {@code with read_base():} imports bind the bases' variables in order (a later import wins);
     * returns what the file's code changed, worked out against them.
     */
    private Map<?, ?> lazyImports(MethodSpec.Builder config) {
      config.addStatement("$T cfg = $T.root()", ROOT_MAP, Literals.TREES);
      Map<Object, Object> imported = new LinkedHashMap<>();
      for (ConfigLayer.LazyImport in : layer.lazyImports()) {
        ClassName baseClass = baseClass(in.base());
        Map<?, ?> base = layers.get(in.base()).merged();
        String line = layer.name() + ":" + in.line();
        if ("*".equals(in.name())) {
          config.addComment("$L: from $L import *", line, in.base());
          config.addStatement("cfg.putAll($T.config())", baseClass);
          imported.putAll(base);
        } else {
          config.addComment("$L: from $L import $L$L", line, in.base(), in.name(),
              in.alias() == null ? "" : " as " + in.alias());
          config.addStatement("cfg.put($S, $T.config().get($S))", in.boundName(), baseClass, in.name());
          imported.put(in.boundName(), base.get(in.name()));
        }
      }
      for (Object key : imported.keySet()) {
        if (!layer.merged().containsKey(key)) {
          config.addComment("$L: not in the loaded config (imported from elsewhere or deleted)", layer.name());
          config.addStatement("cfg.remove($L)", Literals.plain(key));
        }
      }
      return LazyImportChanges.of(imported, layer.merged(), at -> comments.relative(at.file()).equals(layer.name()));
    }

    private ClassName baseClass(String base) {
      if (!layers.containsKey(base)) {
        throw new ConfigGenException(layer.name() + ": its base " + base + " was not given to config-gen");
      }
      return ClassName.get(JavaNames.packageName(options.basePackage(), base), JavaNames.className(base));
    }

    /** A top-level value the file starts from: the base layer that gave it and its key and value there. */
    private record Inherited(ConfigLayer layer, Object key, Object value) {}

    private String describeBase(Inherited inherited) {
      return comments.where(inherited.layer().merged(), inherited.key()).orElse(inherited.layer().name());
    }

    /** Where the value of {@code key} came from before the file's own statements; null for a new variable. */
    private Inherited inherited(Object key) {
      if (layer.lazy()) {
        Inherited found = null;
        for (ConfigLayer.LazyImport in : layer.lazyImports()) {
          ConfigLayer b = layers.get(in.base());
          if ("*".equals(in.name()) && b.merged().containsKey(key)) {
            found = new Inherited(b, key, b.merged().get(key));
          } else if (in.boundName().equals(key)) {
            found = new Inherited(b, in.name(), b.merged().get(in.name()));
          }
        }
        return found;
      }
      for (String base : layer.bases()) {
        ConfigLayer b = layers.get(base);
        if (b.merged().containsKey(key)) {
          return new Inherited(b, key, b.merged().get(key));
        }
      }
      return null;
    }

    /** A value written afresh: the merged value, typed dicts as builders. */
    private CodeBlock fresh(List<Object> path, Object value) {
      if (value instanceof Map<?, ?> dict && dict.containsKey(TYPE_KEY)) {
        Reading read = reading(layer, path, dict);
        if (read instanceof Typed typed) {
          return typedValues.fresh(typed.config(), dict);
        }
        if (read instanceof ModuleData data) {
          return CodeBlock.of("/* $L */ $L", commentSafe(data.reason()), plainDict(path, dict));
        }
        String why = read instanceof Foreign f ? f.reason() : ((Unreadable) read).message();
        return CodeBlock.of("/* plain dict: $L */ $L", commentSafe(why), plainDict(path, dict));
      }
      if (value instanceof Map<?, ?> dict) {
        return part(path, plainDict(path, dict));
      }
      if (value instanceof List<?> list) {
        return part(path, CodeBlock.of("$T.list($L)", Literals.TREES, items(path, list)));
      }
      if (value instanceof Tuple tuple) {
        return part(path, CodeBlock.of("$T.of($L)", Literals.TUPLE, items(path, tuple.asList())));
      }
      return Literals.plain(value);
    }

    /**
     * A large plain value (a dataset's keypoint table) in a method of its own, so that no method
     * outgrows javac's limit; its parts, being smaller, stay inline.
     */
    private CodeBlock part(List<Object> path, CodeBlock code) {
      if (code.toString().length() <= PART_CHARS) {
        return code;
      }
      String name = "part" + (parts.size() + 1);
      parts.add(MethodSpec.methodBuilder(name)
          .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
          .returns(Object.class)
          .addJavadoc("$L of {@code $L}.\n", dotted(path), layer.name())
          .addStatement("return $L", code)
          .build());
      return CodeBlock.of("$L()", name);
    }

    private CodeBlock plainDict(List<Object> path, Map<?, ?> dict) {
      List<CodeBlock> entries = new ArrayList<>();
      for (Map.Entry<?, ?> e : dict.entrySet()) {
        entries.add(CodeBlock.of("\n$L$L, $L", comments.lineComment(dict, e.getKey()), Literals.plain(e.getKey()),
            fresh(append(path, e.getKey()), e.getValue())));
      }
      return CodeBlock.of("$T.dict($L)", Literals.TREES, CodeBlock.join(entries, ","));
    }

    private CodeBlock items(List<Object> path, List<?> items) {
      List<CodeBlock> out = new ArrayList<>();
      for (int i = 0; i < items.size(); i++) {
        out.add(fresh(append(path, i), items.get(i)));
      }
      return CodeBlock.join(out, ", ");
    }

    /**
     * The file's dict {@code own} merged into its base's dict at {@code path}: plain dicts through
     * {@link io.posekit.spi.ConfigTrees#with}, a typed dict of an unchanged module with toBuilder.
     */
    private CodeBlock merge(List<Object> path, Map<?, ?> own, Map<?, ?> merged, ConfigLayer baseLayer, Map<?, ?> base) {
      CodeBlock baseExpr = at(path);
      if (merged.containsKey(TYPE_KEY)) {
        Reading now = reading(layer, path, merged);
        Reading before = base.containsKey(TYPE_KEY) ? reading(baseLayer, path, base) : null;
        // a record (a hook with its priority, ...) has no toBuilder(): written afresh
        if (now instanceof Typed n && before instanceof Typed b && n.config().getClass() == b.config().getClass()
            && !(n.config() instanceof Record)) {
          return partial(CodeBlock.of("(($T) $L)", TypedValues.configClass(b.config()), baseExpr), own, n.config(), merged,
              b.config());
        }
        return fresh(path, merged);
      }
      List<CodeBlock> entries = new ArrayList<>();
      for (Map.Entry<?, ?> e : own.entrySet()) {
        Object key = e.getKey();
        if (!merged.containsKey(key)) {
          continue;
        }
        List<Object> sub = append(path, key);
        CodeBlock value;
        if (e.getValue() instanceof Map<?, ?> ownSub && base.get(key) instanceof Map<?, ?> baseSub && !deletes(ownSub)) {
          value = merge(sub, ownSub, (Map<?, ?>) merged.get(key), baseLayer, baseSub);
        } else {
          value = fresh(sub, merged.get(key));
        }
        entries.add(CodeBlock.of("\n$L$L, $L", comments.lineComment(own, key), Literals.plain(key), value));
      }
      return CodeBlock.of("$T.with($L, $L)", Literals.TREES, baseExpr, CodeBlock.join(entries, ","));
    }

    /** {@code base.toBuilder()} with the keys {@code own} wrote, nested same-module dicts merged the same way. */
    private CodeBlock partial(CodeBlock baseExpr, Map<?, ?> own, ModuleConfig<?> merged, Map<?, ?> mergedDict,
        ModuleConfig<?> base) {
      CodeBlock.Builder code = CodeBlock.builder().add("$L.toBuilder()", baseExpr);
      Map<String, String> methods = reader.builderMethods(merged);
      for (Map.Entry<?, ?> e : own.entrySet()) {
        Object key = e.getKey();
        if (TYPE_KEY.equals(key) || !mergedDict.containsKey(key) || !methods.containsKey(String.valueOf(key))) {
          if (!TYPE_KEY.equals(key) && mergedDict.containsKey(key) && !"_scope_".equals(key)) {
            throw new ConfigGenException(merged.type() + " has no parameter '" + key + "' (its reader accepted it)");
          }
          continue;
        }
        String method = methods.get(String.valueOf(key));
        CodeBlock value;
        Object mergedValue = typedValues.parameter(merged, method);
        Object baseValue = typedValues.parameter(base, method);
        if (e.getValue() instanceof Map<?, ?> ownSub && !deletes(ownSub)
            && mergedValue instanceof ModuleConfig<?> m && baseValue instanceof ModuleConfig<?> b
            && m.getClass() == b.getClass() && mergedDict.get(key) instanceof Map<?, ?> mergedSub) {
          value = partial(CodeBlock.of("(($T) $L.$L())", TypedValues.configClass(b), baseExpr, method), ownSub, m, mergedSub, b);
        } else {
          value = typedValues.setterArgument(merged, method, mergedDict.get(key));
        }
        code.add("\n").add(comments.lineComment(own, key)).add(".$L($L)", method, value);
      }
      return code.add("\n.build()").build();
    }

    private CodeBlock at(List<Object> path) {
      List<CodeBlock> keys = new ArrayList<>();
      for (Object segment : path) {
        keys.add(Literals.plain(segment));
      }
      return CodeBlock.of("$T.at(cfg, $L)", Literals.TREES, CodeBlock.join(keys, ", "));
    }
  }

  /** MMEngine's test: {@code _delete_} set to a true value. */
  private static boolean deletes(Map<?, ?> dict) {
    return PyTruth.isTrue(dict.get(DELETE_KEY));
  }

  private static List<Object> append(List<Object> path, Object segment) {
    List<Object> out = new ArrayList<>(path);
    out.add(segment);
    return out;
  }

  private static String commentSafe(String text) {
    String oneLine = text.replace("*/", "* /").replace('\n', ' ').replace('\r', ' ');
    return oneLine.length() > 300 ? oneLine.substring(0, 297) + "..." : oneLine;
  }
}
