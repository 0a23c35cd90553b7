package io.posekit.tfmodels;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** tf-models' package rules, as docs/architecture.md states them. */
class ArchitectureTest {
  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.posekit.tfmodels");

  @Test
  void noPackageCycles() {
    slices().matching("io.posekit.tfmodels.(**)").should().beFreeOfCycles()
        .check(CLASSES);
  }

  // MMPose's order: samples and codecs under the data pipeline (transforms, then datasets that run
  // them), metrics and visualizers over datasets; models over nn; apis and demo on top
  @Test
  void layers() {
    layeredArchitecture().consideringOnlyDependenciesInLayers()
      .layer("nn").definedBy("io.posekit.tfmodels.nn..")
      .layer("fileio").definedBy("io.posekit.tfmodels.fileio..")
      .layer("weights").definedBy("io.posekit.tfmodels.weights..")
      .layer("codecs").definedBy("io.posekit.tfmodels.codecs..")
      .layer("structures").definedBy("io.posekit.tfmodels.structures..")
      .layer("transforms").definedBy("io.posekit.tfmodels.transforms..")
      .layer("datasets").definedBy("io.posekit.tfmodels.datasets..")
      .layer("evaluation").definedBy("io.posekit.tfmodels.evaluation..")
      .layer("visualization").definedBy("io.posekit.tfmodels.visualization..")
      .layer("models").definedBy("io.posekit.tfmodels.models..")
      .layer("apis").definedBy("io.posekit.tfmodels.apis..")
      .layer("demo").definedBy("io.posekit.tfmodels.demo..")
      .whereLayer("demo").mayNotBeAccessedByAnyLayer()
      .whereLayer("apis").mayNotBeAccessedByAnyLayer()
      .whereLayer("evaluation").mayNotBeAccessedByAnyLayer()
      .whereLayer("visualization").mayOnlyBeAccessedByLayers("demo")
      .whereLayer("models").mayOnlyBeAccessedByLayers("apis")
      .whereLayer("datasets").mayOnlyBeAccessedByLayers("evaluation", "visualization", "demo")
      .whereLayer("transforms").mayOnlyBeAccessedByLayers("datasets", "demo")
      .whereLayer("structures").mayOnlyBeAccessedByLayers(
          "transforms", "datasets", "evaluation", "visualization", "apis", "demo")
      .whereLayer("codecs").mayOnlyBeAccessedByLayers("structures", "transforms", "models", "apis", "demo")
      .whereLayer("fileio").mayOnlyBeAccessedByLayers("transforms", "datasets")
      .whereLayer("weights").mayOnlyBeAccessedByLayers("models", "apis")
      .whereLayer("nn").mayOnlyBeAccessedByLayers("structures", "models", "apis")
        .check(CLASSES);
  }

  // the shared building blocks sit under every backbone, neck and head: they import none of them
  @Test
  void sharedLayersImportNoModelPackage() {
    noClasses().that().resideInAPackage("io.posekit.tfmodels.models.layers..")
      .should().dependOnClassesThat().resideInAnyPackage("io.posekit.tfmodels.models.backbones..",
          "io.posekit.tfmodels.models.necks..", "io.posekit.tfmodels.models.heads..",
          "io.posekit.tfmodels.models.losses..", "io.posekit.tfmodels.models.poseestimators..")
        .check(CLASSES);
  }
}
