package io.posekit.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import io.posekit.processor.model.ModuleModel;
import io.posekit.processor.model.RegistryModel;
import io.posekit.processor.validation.AnnotationLookup;
import io.posekit.processor.validation.ClasspathIndexes;
import io.posekit.processor.validation.Diagnostics;
import io.posekit.processor.validation.ModuleModeler;
import io.posekit.processor.validation.RegistrationChecker;
import io.posekit.processor.writer.ConfigSpecWriter;
import io.posekit.processor.writer.IndexModel;
import io.posekit.processor.writer.IndexWriter;
import io.posekit.processor.writer.MetadataWriter;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.tools.StandardLocation;

/**
 * PoseKit's annotation processor. Each round it validates and models the new
 * {@code @RegisterModule} classes and writes their {@code <Module>ConfigSpec} (Immutables writes
 * the configs next round); in the first round that brings no new registration it checks the
 * registrations against each other and the classpath and writes the compilation's registry index,
 * its service file and its metadata JSON.
 */
@AutoService(Processor.class)
public class PoseKitProcessor extends AbstractProcessor {
  static final String REGISTER_MODULE = "io.posekit.annotations.RegisterModule";
  static final String DECLARE_REGISTRY = "io.posekit.annotations.DeclareRegistry";
  /** The scope of modules that name none and whose package has no {@code @ModuleScope}. */
  public static final String SCOPE_OPTION = "posekit.scope";
  /** The simple name of the index class, instead of the derived one. */
  public static final String INDEX_OPTION = "posekit.index";

  private final List<ModuleModel> modules = new ArrayList<>();
  private final List<RegistryModel> registries = new ArrayList<>();
  private final List<TypeElement> registeredTypes = new ArrayList<>();
  private final List<String> declaringTypes = new ArrayList<>();
  private boolean pending;
  private boolean indexWritten;

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(REGISTER_MODULE, DECLARE_REGISTRY);
  }

  @Override
  public Set<String> getSupportedOptions() {
    return Set.of(SCOPE_OPTION, INDEX_OPTION);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    new CrashReporter(processingEnv.getMessager()).guard(describe(round), () -> processRound(round));
    return false;
  }

  /** One round: model and write new registrations, or finish with the index. */
  protected void processRound(RoundEnvironment round) {
    Diagnostics diagnostics = new Diagnostics(processingEnv.getMessager());
    List<TypeElement> newModules = annotated(round, REGISTER_MODULE);
    List<TypeElement> newRegistries = annotated(round, DECLARE_REGISTRY);
    if (!newModules.isEmpty() || !newRegistries.isEmpty()) {
      if (indexWritten) {
        diagnostics.error(
            (newModules.isEmpty() ? newRegistries : newModules).get(0),
            "this registration was generated after PoseKit wrote the registry index",
            "register modules in hand-written sources, or generate them in the first round");
        return;
      }
      pending = true;
      registeredTypes.addAll(newModules);
      for (TypeElement type : newRegistries) {
        registries.add(declaredRegistry(type));
        declaringTypes.add(processingEnv.getElementUtils().getBinaryName(type).toString());
      }
      modelAndWrite(newModules, diagnostics);
      return;
    }
    if (pending && !indexWritten) {
      indexWritten = true;
      finish(diagnostics);
    }
  }

  private void modelAndWrite(List<TypeElement> types, Diagnostics diagnostics) {
    ClasspathIndexes classpath = classpathIndexes();
    RegisteredComponents catalog = new RegisteredComponents(
        processingEnv.getElementUtils(), processingEnv.getTypeUtils(), registeredTypes, classpath);
    ModuleModeler modeler = new ModuleModeler(
        processingEnv.getElementUtils(), processingEnv.getTypeUtils(), diagnostics,
        processingEnv.getOptions().get(SCOPE_OPTION));
    ConfigSpecWriter writer = new ConfigSpecWriter(generated());
    for (TypeElement type : types) {
      ModuleModel module = modeler.model(type, catalog);
      if (module != null) {
        modules.add(module);
        write(() -> writer.write(module).writeTo(processingEnv.getFiler()), module.element());
      }
    }
  }

  private void finish(Diagnostics diagnostics) {
    new RegistrationChecker(diagnostics).check(modules, registries, classpathIndexes());
    if (diagnostics.errorCount() > 0) {
      return;
    }
    IndexModel index = IndexModel.of(
        modules, registries, processingEnv.getOptions().get(INDEX_OPTION), declaringTypes);
    Element[] origins = originatingElements();
    Filer filer = processingEnv.getFiler();
    write(() -> new IndexWriter(generated()).write(index, origins).writeTo(filer), null);
    write(() -> {
      try (Writer out = filer.createResource(
          StandardLocation.CLASS_OUTPUT, "", "META-INF/services/io.posekit.spi.RegistryIndex", origins).openWriter()) {
        out.write(index.name().reflectionName() + "\n");
      }
    }, null);
    write(() -> {
      try (Writer out = filer.createResource(
          StandardLocation.CLASS_OUTPUT, "", index.metadataResource(), origins).openWriter()) {
        MetadataWriter.write(index, out);
      }
    }, null);
  }

  private ClasspathIndexes classpathIndexes() {
    List<String> own = new ArrayList<>();
    for (TypeElement type : registeredTypes) {
      own.add(processingEnv.getElementUtils().getBinaryName(type).toString());
    }
    String ownIndex = processingEnv.getOptions().getOrDefault(INDEX_OPTION, "");
    return ClasspathIndexes.read(processingEnv.getElementUtils(), processingEnv.getFiler(), ownIndex, own);
  }

  private RegistryModel declaredRegistry(TypeElement type) {
    String name = AnnotationLookup.string(AnnotationLookup.find(type, DECLARE_REGISTRY), "value");
    boolean isBase = type.getKind() == ElementKind.INTERFACE
        || (type.getKind() == ElementKind.CLASS && type.getModifiers().contains(Modifier.ABSTRACT));
    String base = isBase ? processingEnv.getElementUtils().getBinaryName(type).toString() : null;
    return new RegistryModel(name, base, type);
  }

  private Element[] originatingElements() {
    List<Element> out = new ArrayList<>(registeredTypes);
    registries.forEach(r -> out.add(r.element()));
    return out.toArray(new Element[0]);
  }

  private static List<TypeElement> annotated(RoundEnvironment round, String annotation) {
    List<TypeElement> out = new ArrayList<>();
    for (Element root : round.getRootElements()) {
      collect(root, annotation, out);
    }
    return out;
  }

  /** Annotated types among {@code element} and its nested types, in source order. */
  private static void collect(Element element, String annotation, List<TypeElement> out) {
    if (element instanceof TypeElement type) {
      if (AnnotationLookup.find(type, annotation) != null) {
        out.add(type);
      }
      for (TypeElement nested : ElementFilter.typesIn(type.getEnclosedElements())) {
        collect(nested, annotation, out);
      }
    }
  }

  private AnnotationSpec generated() {
    return AnnotationSpec.builder(ClassName.get("javax.annotation.processing", "Generated"))
        .addMember("value", "$S", PoseKitProcessor.class.getName())
        .build();
  }

  private interface FileWork {
    void run() throws IOException;
  }

  private void write(FileWork work, Element element) {
    try {
      work.run();
    } catch (IOException e) {
      new Diagnostics(processingEnv.getMessager()).error(
          element,
          "PoseKit could not write a generated file: " + e.getMessage(),
          "check that the output directory is writable, then rebuild");
    }
  }

  private static String describe(RoundEnvironment round) {
    List<String> names = new ArrayList<>();
    for (Element root : round.getRootElements()) {
      names.add(root.toString());
      if (names.size() == 5) {
        names.add("...");
        break;
      }
    }
    return names.isEmpty() ? "the final round" : String.join(", ", names);
  }
}
