package io.posekit.runtime;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** runtime's package rules, as docs/architecture.md states them. */
class ArchitectureTest {
  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.posekit.runtime");

  @Test
  void noPackageCycles() {
    slices().matching("io.posekit.runtime.(**)").should().beFreeOfCycles()
        .check(CLASSES);
  }

  // config file -> Config -> typed configs -> registry build -> runner; each layer imports only those below
  @Test
  void layers() {
    layeredArchitecture().consideringOnlyDependenciesInLayers()
      .layer("registry").definedBy("io.posekit.runtime.registry..")
      .layer("config.dict").definedBy("io.posekit.runtime.config.dict..")
      .layer("config.python").definedBy("io.posekit.runtime.config.python..")
      .layer("config.cache").definedBy("io.posekit.runtime.config.cache..")
      .layer("config").definedBy("io.posekit.runtime.config")
      .layer("config.typed").definedBy("io.posekit.runtime.config.typed..")
      .layer("engine").definedBy("io.posekit.runtime.engine..")
      .layer("pose").definedBy("io.posekit.runtime.pose..")
      .layer("runner").definedBy("io.posekit.runtime.runner..")
      .layer("check").definedBy("io.posekit.runtime.check..")
      .layer("cli").definedBy("io.posekit.runtime.cli..")
      .whereLayer("cli").mayNotBeAccessedByAnyLayer()
      .whereLayer("check").mayOnlyBeAccessedByLayers("cli")
      .whereLayer("runner").mayOnlyBeAccessedByLayers("check", "cli")
      .whereLayer("pose").mayOnlyBeAccessedByLayers("runner", "check", "cli")
      .whereLayer("engine").mayOnlyBeAccessedByLayers("pose", "runner", "check", "cli")
      .whereLayer("config.typed").mayOnlyBeAccessedByLayers("runner", "check", "cli")
      .whereLayer("config").mayOnlyBeAccessedByLayers("config.typed", "pose", "runner", "check", "cli")
      .whereLayer("config.python").mayOnlyBeAccessedByLayers("config")
      .whereLayer("config.cache").mayOnlyBeAccessedByLayers("config")
      .whereLayer("config.dict").mayOnlyBeAccessedByLayers(
          "config.python", "config.cache", "config", "config.typed", "runner", "check", "cli")
        .check(CLASSES);
  }

  // the engine is MMEngine's: it may use TensorFlow helpers (nn) and MMEngine's vis backends from
  // tf-models, never MMPose's models, data or metrics; those reach it through pose
  @Test
  void engineKnowsNoPoseClasses() {
    noClasses().that().resideInAnyPackage(
          "io.posekit.runtime.registry..", "io.posekit.runtime.config..", "io.posekit.runtime.engine..")
      .should().dependOnClassesThat().resideInAnyPackage(
          "io.posekit.tfmodels.apis..", "io.posekit.tfmodels.codecs..", "io.posekit.tfmodels.datasets..",
          "io.posekit.tfmodels.demo..", "io.posekit.tfmodels.evaluation..", "io.posekit.tfmodels.fileio..",
          "io.posekit.tfmodels.models..", "io.posekit.tfmodels.structures..", "io.posekit.tfmodels.transforms..",
          "io.posekit.tfmodels.weights..", "io.posekit.tfmodels.visualization.PoseLocalVisualizer")
        .check(CLASSES);
  }
}
