package io.posekit.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The goal on a project whose configs are fine, and on one with a typo. */
class GenerateConfigsMojoTest {
  @TempDir Path tmp;

  private GenerateConfigsMojo mojo(Path configs) {
    GenerateConfigsMojo mojo = new GenerateConfigsMojo();
    mojo.configDirectory = configs.toFile();
    mojo.outputDirectory = tmp.resolve("generated").toFile();
    mojo.packageName = "my.configs";
    mojo.project = new MavenProject();
    mojo.project.getBuild().setOutputDirectory(tmp.resolve("classes").toString());
    return mojo;
  }

  @Test
  void generatesOneClassPerConfigAndAddsTheCompileRoot() throws Exception {
    Path configs = Files.createDirectories(tmp.resolve("configs/_base_"));
    Files.writeString(configs.resolve("runtime.py"), "default_scope = 'mmpose'\n");
    Files.createDirectories(tmp.resolve("configs/exp"));
    Files.writeString(tmp.resolve("configs/exp/loss.yaml"), """
        _base_: ../_base_/runtime.py
        loss:
          type: KeypointMSELoss
          use_target_weight: true
        """);
    GenerateConfigsMojo mojo = mojo(tmp.resolve("configs"));
    mojo.execute();
    Path out = tmp.resolve("generated");
    String loss = Files.readString(out.resolve("my/configs/exp/Loss.java"));
    assertTrue(loss.contains("Runtime.config()"), loss);
    assertTrue(loss.contains("KeypointMSELossConfig.builder()"), loss);
    assertTrue(loss.contains(".useTargetWeight(true)"), loss);
    assertTrue(Files.exists(out.resolve("my/configs/_base_/Runtime.java")));
    assertEquals(List.of(out.toString()), mojo.project.getCompileSourceRoots());
  }

  @Test
  void scopeRootsResolveScopedBases() throws Exception {
    Path scoped = Files.createDirectories(tmp.resolve("configs/vendor/mmpose/_base_"));
    Files.writeString(scoped.resolve("loss.py"), "default_scope = 'mmpose'\nloss = dict(type='KeypointMSELoss', use_target_weight=True)\n");
    Files.createDirectories(tmp.resolve("configs/exp"));
    Files.writeString(tmp.resolve("configs/exp/mine.py"), "_base_ = ['mmpose::_base_/loss.py']\n");
    GenerateConfigsMojo mojo = mojo(tmp.resolve("configs"));
    mojo.excludeDirectories = List.of("vendor");
    mojo.scopeRoots = java.util.Map.of("mmpose", tmp.resolve("configs/vendor/mmpose").toString());
    mojo.execute();
    String mine = Files.readString(tmp.resolve("generated/my/configs/exp/Mine.java"));
    assertTrue(mine.contains("ConfigTrees.scoped(") && mine.contains("\"mmpose\""), "the base is added under its scope:\n" + mine);
    assertTrue(Files.exists(tmp.resolve("generated/my/configs/vendor/mmpose/_base_/Loss.java")), "the scoped base has its class");
  }

  @Test
  void aTypoFailsTheBuildNamingFileLineAndKeyPath() throws Exception {
    Path configs = Files.createDirectories(tmp.resolve("configs"));
    Files.writeString(configs.resolve("broken.py"), """
        default_scope = 'mmpose'
        model = dict(
            type='TopdownPoseEstimator',
            backbone=dict(type='ResNet', depth=18),
            head=dict(type='HeatmapHead', in_channels=512, out_channels=17,
                      loss=dict(type='KeypointMSELoss', use_target_wieght=True)))
        """);
    MojoFailureException e = assertThrows(MojoFailureException.class, () -> mojo(configs).execute());
    String message = e.getMessage();
    assertTrue(message.contains("broken.py:6"), message);
    assertTrue(message.contains("model.head.loss.use_target_wieght"), message);
    assertTrue(message.contains("use_target_weight"), message); // the did-you-mean
  }
}
