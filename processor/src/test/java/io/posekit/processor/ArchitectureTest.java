package io.posekit.processor;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The annotation processor's package rules, as docs/architecture.md states them. */
class ArchitectureTest {
  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.posekit.processor");

  @Test
  void noPackageCycles() {
    slices().matching("io.posekit.processor.(**)").should().beFreeOfCycles()
        .check(CLASSES);
  }

  // model (what a module declares) <- literal (Python literals of defaults) <- validation, writer <- the processor
  @Test
  void layers() {
    layeredArchitecture().consideringOnlyDependenciesInLayers()
      .layer("model").definedBy("io.posekit.processor.model..")
      .layer("literal").definedBy("io.posekit.processor.literal..")
      .layer("validation").definedBy("io.posekit.processor.validation..")
      .layer("writer").definedBy("io.posekit.processor.writer..")
      .layer("processor").definedBy("io.posekit.processor")
      .whereLayer("processor").mayNotBeAccessedByAnyLayer()
      .whereLayer("validation").mayOnlyBeAccessedByLayers("processor")
      .whereLayer("writer").mayOnlyBeAccessedByLayers("processor")
      .whereLayer("literal").mayOnlyBeAccessedByLayers("validation", "writer", "processor")
      .whereLayer("model").mayOnlyBeAccessedByLayers("literal", "validation", "writer", "processor")
        .check(CLASSES);
  }
}
