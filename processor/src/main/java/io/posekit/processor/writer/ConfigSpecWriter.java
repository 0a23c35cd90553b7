package io.posekit.processor.writer;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import io.posekit.processor.literal.DefaultValueTranslator;
import io.posekit.processor.model.ModuleModel;
import io.posekit.processor.model.ParamModel;
import io.posekit.processor.model.ValueShape;
import io.posekit.spi.Names;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code <Module>ConfigSpec}: the abstract, Immutables-annotated half of a module's typed
 * config. Immutables completes it into {@code <Module>Config} in the next round.
 */
public final class ConfigSpecWriter {
  private static final String SPI = "io.posekit.spi";
  private static final ClassName VALUE = ClassName.get("org.immutables.value", "Value");
  private static final ClassName IMMUTABLE = VALUE.nestedClass("Immutable");
  private static final ClassName STYLE = VALUE.nestedClass("Style");
  private static final ClassName DEFAULT = VALUE.nestedClass("Default");
  private static final ClassName BUILD_CONTEXT = ClassName.get(SPI, "BuildContext");
  private static final ClassName DICT_READER = ClassName.get(SPI, "DictReader");
  private static final ClassName CONFIG_READER = ClassName.get(SPI, "ConfigReader");
  private static final ClassName COMPONENT_RESOLVER = ClassName.get(SPI, "ComponentResolver");
  private static final ClassName KEY_PATH = ClassName.get(SPI, "KeyPath");
  private static final ClassName PY_REPR = ClassName.get(SPI, "PyRepr");
  private static final TypeName STRING = ClassName.get(String.class);
  private static final TypeName STRING_OBJECT_MAP =
      ParameterizedTypeName.get(ClassName.get(Map.class), STRING, ClassName.OBJECT);

  private final AnnotationSpec generated;

  public ConfigSpecWriter(AnnotationSpec generated) {
    this.generated = generated;
  }

  public JavaFile write(ModuleModel module) {
    ClassName spec = module.specClass();
    ClassName config = module.configClass();
    TypeSpec.Builder type =
        TypeSpec.classBuilder(spec)
            .addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT)
            .addSuperinterface(ParameterizedTypeName.get(ValueShape.MODULE_CONFIG, module.moduleClass()))
            .addOriginatingElement(module.element())
            .addAnnotation(generated)
            .addAnnotation(IMMUTABLE)
            .addAnnotation(
                AnnotationSpec.builder(STYLE)
                    .addMember("typeAbstract", "$S", "*Spec")
                    .addMember("typeImmutable", "$S", "*")
                    .addMember("visibility", "$T.ImplementationVisibility.PUBLIC", STYLE)
                    .addMember("jdkOnly", "true")
                    .build())
            .addJavadoc(
                "The typed config of {@link $T}, registered as {@code $L} in $L (scope {@code $L}).\n"
                    + "Immutables completes it into {@link $T}.\n",
                module.moduleClass(), module.name(), module.registry(), module.scope(), config);
    type.addField(constant(STRING, "TYPE", CodeBlock.of("$S", module.name())));
    type.addField(constant(STRING, "SCOPE", CodeBlock.of("$S", module.scope())));
    type.addField(constant(STRING, "REGISTRY", CodeBlock.of("$S", module.registry())));
    List<CodeBlock> keys = new ArrayList<>();
    for (ParamModel param : module.configParams()) {
      keys.add(CodeBlock.of("$S", param.key()));
    }
    type.addField(constant(
        ParameterizedTypeName.get(ClassName.get(List.class), STRING), "KEYS",
        CodeBlock.of("$T.of($L)", List.class, CodeBlock.join(keys, ", "))));
    boolean needsOrderedMap = false;
    for (ParamModel param : module.configParams()) {
      FieldSpec.Builder field =
          FieldSpec.builder(ValueTypeExpressions.fieldType(param.shape()), valueTypeField(param))
              .addModifiers(Modifier.STATIC, Modifier.FINAL)
              .initializer(ValueTypeExpressions.of(param.shape()));
      if (containsRecord(param.shape())) {
        field.addAnnotation(unchecked());
      }
      type.addField(field.build());
      type.addMethod(accessor(param));
      needsOrderedMap |= DefaultValueTranslator.usesOrderedMap(param.defaultExpression())
          || DefaultValueTranslator.usesOrderedMap(ValueTypeExpressions.of(param.shape()));
    }
    type.addMethod(constantGetter("type", STRING, "TYPE"));
    type.addMethod(constantGetter("scope", STRING, "SCOPE"));
    type.addMethod(constantGetter("registry", STRING, "REGISTRY"));
    type.addMethod(
        MethodSpec.methodBuilder("moduleType")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .returns(ParameterizedTypeName.get(ClassName.get(Class.class), module.moduleClass()))
            .addStatement("return $T.class", module.moduleClass())
            .build());
    type.addMethod(toMap(module));
    type.addMethod(ToBuilderMethod.of(module));
    type.addMethod(
        MethodSpec.methodBuilder("toString")
            .addJavadoc("The Python dict: {@code dict(type='$L', ...)}.\n", module.name())
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .returns(STRING)
            .addStatement("return $T.repr(toMap())", PY_REPR)
            .build());
    type.addMethod(build(module));
    type.addMethod(read(module, config));
    type.addMethod(
        MethodSpec.methodBuilder("fromMap")
            .addJavadoc("Reads a dict without nested components; throws ConfigException listing every problem.\n")
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(config)
            .addParameter(mapOfAny(), "map")
            .addStatement("return fromMap(map, $T.none())", COMPONENT_RESOLVER)
            .build());
    type.addMethod(
        MethodSpec.methodBuilder("fromMap")
            .addJavadoc("Reads a dict, nested components through {@code resolver}; throws ConfigException listing every problem.\n")
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(config)
            .addParameter(mapOfAny(), "map")
            .addParameter(COMPONENT_RESOLVER, "resolver")
            .addStatement("$T reader = new $T(resolver)", CONFIG_READER, CONFIG_READER)
            .addStatement("$T dict = reader.dict(map, $T.root(), TYPE)", DICT_READER, KEY_PATH)
            .addStatement("$T config = dict == null ? null : read(dict)", config)
            .addStatement("return reader.finish(config, $S)", "invalid " + module.name() + " config")
            .build());
    if (needsOrderedMap) {
      type.addMethod(orderedMapHelper());
    }
    return JavaFile.builder(spec.packageName(), type.build()).skipJavaLangImports(true).build();
  }

  static String valueTypeField(ParamModel param) {
    return Names.snakeCase(param.javaName()).toUpperCase(Locale.ROOT) + "_TYPE";
  }

  private static MethodSpec accessor(ParamModel param) {
    MethodSpec.Builder method =
        MethodSpec.methodBuilder(param.javaName()).addModifiers(Modifier.PUBLIC).returns(param.shape().configType());
    method.addJavadoc("Config key {@code $L}$L.\n", param.key(), param.doc().isEmpty() ? "" : ": " + param.doc());
    if (param.nullableAnnotation() != null) {
      method.addAnnotation(param.nullableAnnotation());
    }
    if (param.hasDefault()) {
      method.addAnnotation(DEFAULT).addStatement("return $L", param.defaultExpression());
    } else {
      method.addModifiers(Modifier.ABSTRACT);
    }
    return method.build();
  }

  private static MethodSpec toMap(ModuleModel module) {
    MethodSpec.Builder method =
        MethodSpec.methodBuilder("toMap")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .returns(STRING_OBJECT_MAP)
            .addStatement("$T map = new $T<>()", STRING_OBJECT_MAP, LinkedHashMap.class)
            .addStatement("map.put($S, TYPE)", "type");
    for (ParamModel param : module.configParams()) {
      String field = valueTypeField(param);
      if (param.isOptional()) {
        method.addStatement("$L().ifPresent(value -> map.put($S, $L.write(value)))", param.javaName(), param.key(), field);
      } else if (param.nullable()) {
        method.addStatement(
            "map.put($S, $L() == null ? null : $L.write($L()))", param.key(), param.javaName(), field, param.javaName());
      } else {
        method.addStatement("map.put($S, $L.write($L()))", param.key(), field, param.javaName());
      }
    }
    return method.addStatement("return map").build();
  }

  private static MethodSpec build(ModuleModel module) {
    MethodSpec.Builder method =
        MethodSpec.methodBuilder("build")
            .addJavadoc("Calls the constructor of {@link $T}, provided values from {@code context}.\n", module.moduleClass())
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .returns(module.moduleClass())
            .addParameter(BUILD_CONTEXT, "context");
    List<CodeBlock> arguments = new ArrayList<>();
    boolean unchecked = false;
    for (ParamModel param : module.params()) {
      if (param.provided()) {
        TypeName type = param.javaType();
        TypeName raw = type instanceof ParameterizedTypeName p ? p.rawType() : type.box();
        if (type instanceof ParameterizedTypeName) {
          unchecked = true;
          arguments.add(CodeBlock.of("($T) context.provided($S, $T.class)", type, param.key(), raw));
        } else {
          arguments.add(CodeBlock.of("context.provided($S, $T.class)", param.key(), raw));
        }
      } else if (param.shape().containsComponent()) {
        CodeBlock built = BuiltValues.convert(param.shape(), CodeBlock.of("$L()", param.javaName()), 0);
        arguments.add(param.nullable()
            ? CodeBlock.of("$L() == null ? null : $L", param.javaName(), built)
            : built);
      } else {
        arguments.add(CodeBlock.of("$L()", param.javaName()));
      }
    }
    if (unchecked) {
      method.addAnnotation(unchecked());
    }
    return method.addStatement("return new $T($L)", module.moduleClass(), CodeBlock.join(arguments, ", ")).build();
  }

  private static MethodSpec read(ModuleModel module, ClassName config) {
    MethodSpec.Builder method =
        MethodSpec.methodBuilder("read")
            .addJavadoc("Reads every key of {@code dict}; null when there were problems (recorded in its reader).\n")
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(config)
            .addParameter(DICT_READER, "dict")
            .addStatement("$T.Builder builder = $T.builder()", config, config);
    int index = 0;
    for (ParamModel param : module.configParams()) {
      String field = valueTypeField(param);
      String local = "value" + index++;
      TypeName valueType = ValueTypeExpressions.readShape(param.shape()).boxedConfigType();
      if (param.required()) {
        method.addStatement("$T $L = dict.require($S, $L)", valueType, local, param.key(), field)
            .beginControlFlow("if ($L != null)", local)
            .addStatement("builder.$L($L)", param.javaName(), local)
            .endControlFlow();
        continue;
      }
      if (param.nullable()) {
        method.beginControlFlow("if (dict.isNone($S))", param.key())
            .addStatement("builder.$L(null)", param.javaName())
            .nextControlFlow("else if (dict.has($S))", param.key());
      } else if (param.isOptional()) {
        method.beginControlFlow("if (dict.has($S) && !dict.isNone($S))", param.key(), param.key());
      } else {
        method.beginControlFlow("if (dict.has($S))", param.key());
      }
      method.addStatement("$T $L = dict.read($S, $L)", valueType, local, param.key(), field)
          .beginControlFlow("if ($L != null)", local)
          .addStatement("builder.$L($L)", param.javaName(), local)
          .endControlFlow()
          .endControlFlow();
    }
    return method
        .addStatement("dict.rejectUnknownKeys(KEYS)")
        .addStatement("return dict.ok() ? builder.build() : null")
        .build();
  }

  private static MethodSpec orderedMapHelper() {
    TypeVariableName k = TypeVariableName.get("K");
    TypeVariableName v = TypeVariableName.get("V");
    return MethodSpec.methodBuilder(DefaultValueTranslator.ORDERED_MAP)
        .addJavadoc("An unmodifiable map keeping the order a default dict was written in.\n")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addTypeVariable(k)
        .addTypeVariable(v)
        .returns(ParameterizedTypeName.get(ClassName.get(Map.class), k, v))
        .addParameter(ParameterizedTypeName.get(ClassName.get(List.class), k), "keys")
        .addParameter(ParameterizedTypeName.get(ClassName.get(List.class), v), "values")
        .addStatement("$T<K, V> map = new $T<>()", Map.class, LinkedHashMap.class)
        .beginControlFlow("for (int i = 0; i < keys.size(); i++)")
        .addStatement("map.put(keys.get(i), values.get(i))")
        .endControlFlow()
        .addStatement("return $T.unmodifiableMap(map)", Collections.class)
        .build();
  }

  private static boolean containsRecord(ValueShape shape) {
    if (shape instanceof ValueShape.RecordShape) {
      return true;
    } else if (shape instanceof ValueShape.ListShape list) {
      return containsRecord(list.element());
    } else if (shape instanceof ValueShape.MapShape map) {
      return containsRecord(map.value());
    } else if (shape instanceof ValueShape.OptionalShape optional) {
      return containsRecord(optional.element());
    }
    return false;
  }

  private static FieldSpec constant(TypeName type, String name, CodeBlock value) {
    return FieldSpec.builder(type, name, Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL).initializer(value).build();
  }

  private static MethodSpec constantGetter(String name, TypeName type, String constant) {
    return MethodSpec.methodBuilder(name)
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .returns(type)
        .addStatement("return $L", constant)
        .build();
  }

  private static TypeName mapOfAny() {
    return ParameterizedTypeName.get(
        ClassName.get(Map.class), STRING, com.palantir.javapoet.WildcardTypeName.subtypeOf(Object.class));
  }

  private static AnnotationSpec unchecked() {
    return AnnotationSpec.builder(SuppressWarnings.class).addMember("value", "$S", "unchecked").build();
  }

}
