package io.posekit.configgen;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** config-gen's package rules, as docs/architecture.md states them. */
class ArchitectureTest {
  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.posekit.configgen");

  @Test
  void noPackageCycles() {
    slices().matching("io.posekit.configgen.(**)").should().beFreeOfCycles()
        .check(CLASSES);
  }

  // the schema writer uses the generator's names; the generator never needs the schema
  @Test
  void schemaIsAboveTheGenerator() {
    noClasses().that().resideInAPackage("io.posekit.configgen")
      .should().dependOnClassesThat().resideInAPackage("io.posekit.configgen.schema..")
        .check(CLASSES);
  }
}
