package io.posekit.runtime.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posekit.runtime.config.Config;
import io.posekit.runtime.config.LoadOptions;
import io.posekit.runtime.config.dict.ConfigDict;
import io.posekit.runtime.config.typed.TypedConfig;
import io.posekit.runtime.registry.Registry;
import io.posekit.runtime.testmodels.HeatmapHead;
import io.posekit.runtime.testmodels.KeypointMSELoss;
import io.posekit.runtime.testmodels.TopdownPoseEstimator;
import io.posekit.spi.BuildContext;
import io.posekit.spi.ConfigException;
import io.posekit.spi.ConfigProblem;
import io.posekit.spi.ModuleConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TypedConfigTranslatorTest {
  private static final Registry REGISTRY = Registry.load();
  private static final LoadOptions OPTIONS = LoadOptions.defaults().withEnvironment(Map.of());

  private static Path resource(String name) {
    try {
      return Path.of(TypedConfigTranslatorTest.class.getResource(name).toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static TypedConfig translate(String name) {
    return new TypedConfigTranslator(REGISTRY).translate(Config.fromFile(resource("typed/" + name), OPTIONS));
  }

  private static List<ConfigProblem> problems(String name) {
    return assertThrows(ConfigException.class, () -> translate(name)).problems();
  }

  private static ConfigProblem at(List<ConfigProblem> problems, String path) {
    Optional<ConfigProblem> found = problems.stream().filter(p -> p.path().toString().equals(path)).findFirst();
    assertTrue(found.isPresent(), "no problem at " + path + " in " + problems);
    return found.get();
  }

  private static String file(String name) {
    return resource("typed/" + name).toAbsolutePath().normalize().toString();
  }

  @Test
  void mmposeDataSideTranslatesByTheRegistryOfEachPlace() {
    TypedConfig typed = translate("data_ok.py");
    assertEquals(List.of("train_pipeline.0", "train_pipeline.1", "train_pipeline.2", "train_pipeline.3",
            "train_pipeline.4", "train_pipeline.5", "train_pipeline.6", "train_dataloader.dataset",
            "val_evaluator", "test_evaluator"),
        List.copyOf(typed.modules().keySet()));
    ModuleConfig<?> dataset = (ModuleConfig<?>) typed.get("train_dataloader.dataset");
    assertEquals("CocoDataset", dataset.type());
    assertEquals("mmpose", dataset.scope());
    assertEquals("DATASETS", dataset.registry());
    assertEquals("TRANSFORMS", ((ModuleConfig<?>) typed.get("train_pipeline.5")).registry());
    assertEquals("METRICS", ((ModuleConfig<?>) typed.get("val_evaluator")).registry());
    // plain dicts and values stay as they were; the child's override is in
    assertEquals(32, typed.get("train_dataloader.batch_size"));
    assertEquals("mmpose", typed.get("default_scope"));
    assertEquals(((List<?>) dataset.toMap().get("pipeline")).size(), 7);
  }

  @Test
  void everyProblemIsReportedAtOnceWithFileLineBaseChainAndSuggestion() {
    List<ConfigProblem> problems = problems("data_typos.py");
    assertEquals(5, problems.size(), problems.toString());

    ConfigProblem scope = at(problems, "train_dataloader.dataset.pipeline.1.type");
    assertTrue(scope.message().contains("scope 'mmseg' has no Java implementation"), scope.message());
    assertEquals(file("_base_/data_typos.py"), scope.location().file());
    assertEquals(6, scope.location().line());
    assertEquals(List.of(file("data_typos.py")), scope.location().baseChain());

    ConfigProblem key = at(problems, "train_dataloader.dataset.pipeline.2.directon");
    assertEquals("did you mean 'direction'?", key.hint());
    assertEquals(7, key.location().line());

    ConfigProblem type = at(problems, "train_dataloader.dataset.pipeline.3.type");
    assertTrue(type.hint().contains("'TopdownAffine'"), type.hint());
    assertEquals(8, type.location().line());

    ConfigProblem value = at(problems, "train_dataloader.dataset.pipeline.4.use_udp");
    assertTrue(value.message().contains("float 1.5"), value.message());
    assertEquals(9, value.location().line());

    ConfigProblem metric = at(problems, "val_evaluator.type");
    assertTrue(metric.message().contains("unknown METRICS module type 'CocoMetrc'"), metric.message());
    assertEquals("did you mean 'CocoMetric'?", metric.hint());
    assertEquals(file("data_typos.py"), metric.location().file());
    assertEquals(List.of(), metric.location().baseChain());
    // the message of the one exception names them all, file and line first
    String message = assertThrows(ConfigException.class, () -> translate("data_typos.py")).getMessage();
    assertTrue(message.contains(file("_base_/data_typos.py") + ":7 (via " + file("data_typos.py")
        + "): train_dataloader.dataset.pipeline.2.directon: unknown key 'directon'"), message);
  }

  @Test
  void aDictReachedByTwoPathsIsReportedOnce() {
    List<ConfigProblem> problems = problems("shared_pipeline.py");
    assertEquals(1, problems.size(), problems.toString());
    ConfigProblem p = problems.get(0);
    assertEquals("train_pipeline.0.type", p.path().toString());
    assertTrue(p.message().endsWith("(also reached as train_dataloader.dataset.pipeline.0.type)"), p.message());
    assertEquals("did you mean 'LoadImage'?", p.hint());
    assertEquals(2, p.location().line());
  }

  @Test
  void modelPartsReadThroughTheGeneratedConfigsAndBuild() {
    TypedConfig typed = translate("model_ok.py");
    ModuleConfig<? extends TopdownPoseEstimator> model = typed.module("model", TopdownPoseEstimator.class);
    TopdownPoseEstimator built = model.build(BuildContext.empty());
    HeatmapHead head = (HeatmapHead) built.head();
    assertEquals(133, head.outChannels());
    assertTrue(((KeypointMSELoss) head.loss()).useTargetWeight());
    assertEquals("KEYPOINT_CODECS", ((ModuleConfig<?>) typed.get("codec")).registry());
  }

  @Test
  void misspelledNestedKeyNamesTheBaseThatWroteIt() {
    List<ConfigProblem> problems = problems("model_typo.py");
    assertEquals(1, problems.size(), problems.toString());
    ConfigProblem p = problems.get(0);
    assertEquals("model.head.loss.use_target_weigth", p.path().toString());
    assertEquals("did you mean 'use_target_weight'?", p.hint());
    assertEquals(file("_base_/model_typo.py"), p.location().file());
    assertEquals(4, p.location().line());
    assertEquals(List.of(file("model_typo.py")), p.location().baseChain());
  }

  @Test
  void scopeKeyOfAScopedBaseSwitchesTheScope() {
    ConfigDict loss = ConfigDict.of("type", "KeypointMSELoss", "_scope_", "posekit_test");
    TypedConfig typed = new TypedConfigTranslator(REGISTRY).translate(Config.of(Map.of("model", loss)));
    assertEquals("posekit_test", ((ModuleConfig<?>) typed.get("model")).scope());

    ConfigDict unknown = ConfigDict.of("type", "KeypointMSELoss", "_scope_", "mmseg");
    ConfigException e = assertThrows(ConfigException.class,
        () -> new TypedConfigTranslator(REGISTRY).translate(Config.of(Map.of("model", unknown))));
    assertEquals("model._scope_", e.problems().get(0).path().toString());
  }

  @Test
  void defaultScopeWithoutJavaModulesSaysSo() {
    ConfigProblem p = problems("unknown_scope.py").get(0);
    assertEquals("default_scope", p.path().toString());
    assertTrue(p.message().contains("scope 'mmseg' has no Java implementation"), p.message());
    assertEquals(1, p.location().line());
  }

  @Test
  void builderRegistryFollowsMmengineBuilders() {
    Map<String, String> expected = Map.ofEntries(
        Map.entry("model", "MODELS"),
        Map.entry("model.backbone", "MODELS"),
        Map.entry("model.head.decoder", "KEYPOINT_CODECS"),
        Map.entry("codec", "KEYPOINT_CODECS"),
        Map.entry("train_dataloader.dataset", "DATASETS"),
        Map.entry("train_dataloader.sampler", "DATA_SAMPLERS"),
        Map.entry("train_dataloader.dataset.pipeline.3", "TRANSFORMS"),
        Map.entry("val_pipeline.0", "TRANSFORMS"),
        Map.entry("val_evaluator", "METRICS"),
        Map.entry("test_evaluator.1", "METRICS"),
        Map.entry("param_scheduler.0", "PARAM_SCHEDULERS"),
        Map.entry("default_hooks.checkpoint", "HOOKS"),
        Map.entry("custom_hooks.0", "HOOKS"),
        Map.entry("visualizer", "VISUALIZERS"),
        Map.entry("vis_backends.0", "VISBACKENDS"),
        Map.entry("optim_wrapper", "OPTIM_WRAPPERS"),
        Map.entry("optim_wrapper.optimizer", "OPTIMIZERS"),
        Map.entry("log_processor", "LOG_PROCESSORS"),
        Map.entry("train_cfg", "LOOPS"));
    expected.forEach((path, registry) ->
        assertEquals(registry, BuilderRegistry.forPath(io.posekit.spi.KeyPath.parse(path)), path));
    assertEquals(null, BuilderRegistry.forPath(io.posekit.spi.KeyPath.parse("env_cfg.dist_cfg")));
  }

  @Test
  void translatedTreeKeepsPlainValues() {
    TypedConfig typed = translate("model_ok.py");
    assertInstanceOf(ModuleConfig.class, typed.get("model"));
    assertEquals("posekit_test", typed.get("default_scope"));
    assertThrows(ConfigException.class, () -> typed.module("codec", HeatmapHead.class));
  }
}
