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
import com.palantir.javapoet.WildcardTypeName;
import io.posekit.processor.model.ModuleModel;
import io.posekit.processor.model.RegistryModel;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes the registry index class: the module entries and declared registries as constants, and a
 * {@code read} that dispatches by ordinal to the configs' static {@code read}, so that loading the
 * index loads no module or config class. Entries and dispatch are split into methods of
 * {@value #CHUNK} modules, keeping every method far below the 64 KB limit.
 */
public final class IndexWriter {
  static final int CHUNK = 50;
  private static final String SPI = "io.posekit.spi";
  private static final ClassName MODULE_ENTRY = ClassName.get(SPI, "ModuleEntry");
  private static final ClassName REGISTRY_DECLARATION = ClassName.get(SPI, "RegistryDeclaration");
  private static final ClassName REGISTRY_INDEX = ClassName.get(SPI, "RegistryIndex");
  private static final ClassName INDEX_CONTENTS = ClassName.get(SPI, "IndexContents");
  private static final ClassName DICT_READER = ClassName.get(SPI, "DictReader");
  private static final TypeName ANY_CONFIG =
      ParameterizedTypeName.get(ClassName.get(SPI, "ModuleConfig"), WildcardTypeName.subtypeOf(Object.class));

  private final AnnotationSpec generated;

  public IndexWriter(AnnotationSpec generated) {
    this.generated = generated;
  }

  public JavaFile write(IndexModel index, javax.lang.model.element.Element... origins) {
    List<ModuleModel> modules = index.modules();
    TypeName entryList = ParameterizedTypeName.get(ClassName.get(List.class), MODULE_ENTRY);
    TypeSpec.Builder type =
        TypeSpec.classBuilder(index.name())
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addSuperinterface(REGISTRY_INDEX)
            .addAnnotation(generated)
            .addAnnotation(contents(index))
            .addJavadoc("The modules and registries of one compilation; found by ServiceLoader.\n")
            .addField(FieldSpec.builder(entryList, "MODULES", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .initializer("createModules()").build())
            .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC).build());

    MethodSpec.Builder create = MethodSpec.methodBuilder("createModules")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(entryList)
        .addStatement("$T out = new $T<>($L)", entryList, ArrayList.class, modules.size());
    MethodSpec.Builder dispatch = MethodSpec.methodBuilder("read")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(ANY_CONFIG)
        .addParameter(MODULE_ENTRY, "entry")
        .addParameter(DICT_READER, "dict")
        .addStatement("int ordinal = entry.ordinal()")
        .beginControlFlow(
            "if (ordinal < 0 || ordinal >= MODULES.size() || !MODULES.get(ordinal).equals(entry))")
        .addStatement("throw new $T(entry + $S + getClass().getName())", IllegalArgumentException.class, " is not a module of ")
        .endControlFlow()
        .beginControlFlow("switch (ordinal / $L)", CHUNK);
    for (int chunk = 0; chunk * CHUNK < modules.size(); chunk++) {
      int from = chunk * CHUNK;
      int to = Math.min(modules.size(), from + CHUNK);
      MethodSpec.Builder add = MethodSpec.methodBuilder("addModules" + chunk)
          .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
          .addParameter(entryList, "out");
      MethodSpec.Builder read = MethodSpec.methodBuilder("read" + chunk)
          .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
          .returns(ANY_CONFIG)
          .addParameter(TypeName.INT, "ordinal")
          .addParameter(DICT_READER, "dict")
          .beginControlFlow("switch (ordinal)");
      for (int i = from; i < to; i++) {
        ModuleModel module = modules.get(i);
        add.addStatement("out.add($L)", entry(i, module));
        read.addStatement("case $L: return $T.read(dict)", i, module.specClass());
      }
      read.addStatement("default: throw new $T($S + ordinal)", IllegalArgumentException.class, "no module with ordinal ")
          .endControlFlow();
      type.addMethod(add.build());
      type.addMethod(read.build());
      create.addStatement("addModules$L(out)", chunk);
      dispatch.addStatement("case $L: return read$L(ordinal, dict)", chunk, chunk);
    }
    dispatch.addStatement("default: throw new $T($S + ordinal)", IllegalArgumentException.class, "no module with ordinal ")
        .endControlFlow();
    create.addStatement("return $T.copyOf(out)", List.class);
    type.addMethod(create.build());
    type.addMethod(MethodSpec.methodBuilder("modules")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(entryList)
        .addStatement("return MODULES")
        .build());
    for (javax.lang.model.element.Element origin : origins) {
      type.addOriginatingElement(origin);
    }
    List<CodeBlock> registries = new ArrayList<>();
    for (RegistryModel registry : index.registries()) {
      registries.add(CodeBlock.of("new $T($S, $S)", REGISTRY_DECLARATION, registry.name(), registry.baseType()));
    }
    type.addMethod(MethodSpec.methodBuilder("registries")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(ParameterizedTypeName.get(ClassName.get(List.class), REGISTRY_DECLARATION))
        .addStatement("return $T.of($L)", List.class, CodeBlock.join(registries, ", "))
        .build());
    type.addMethod(dispatch.build());
    type.addMethod(MethodSpec.methodBuilder("metadataResource")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(String.class)
        .addStatement("return $S", index.metadataResource())
        .build());
    return JavaFile.builder(index.name().packageName(), type.build()).skipJavaLangImports(true).build();
  }

  private static CodeBlock entry(int ordinal, ModuleModel module) {
    return CodeBlock.of(
        "new $T($L, $S, $S, $S, $L, $L, $S, $S, $L)",
        MODULE_ENTRY, ordinal, module.registry(), module.scope(), module.name(), strings(module.aliases()),
        module.force(), module.binaryName(), module.configClass().reflectionName(), strings(module.supertypes()));
  }

  private static CodeBlock strings(List<String> values) {
    List<CodeBlock> items = new ArrayList<>();
    values.forEach(v -> items.add(CodeBlock.of("$S", v)));
    return CodeBlock.of("$T.of($L)", List.class, CodeBlock.join(items, ", "));
  }

  private static AnnotationSpec contents(IndexModel index) {
    AnnotationSpec.Builder contents = AnnotationSpec.builder(INDEX_CONTENTS);
    List<CodeBlock> modules = new ArrayList<>();
    for (ModuleModel module : index.modules()) {
      for (String name : module.allNames()) {
        modules.add(CodeBlock.of("$S", String.join(
            "/", module.registry(), module.scope(), name, module.binaryName(), Boolean.toString(module.force()))));
      }
    }
    List<CodeBlock> registries = new ArrayList<>();
    for (RegistryModel registry : index.registries()) {
      registries.add(CodeBlock.of("$S", registry.name() + "/" + (registry.baseType() == null ? "" : registry.baseType())));
    }
    return contents
        .addMember("modules", "{$L}", CodeBlock.join(modules, ", "))
        .addMember("registries", "{$L}", CodeBlock.join(registries, ", "))
        .build();
  }
}
