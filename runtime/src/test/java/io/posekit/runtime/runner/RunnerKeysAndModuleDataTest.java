package io.posekit.runtime.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posekit.configgen.ConfigSourceGenerator;
import io.posekit.runtime.config.CanonicalJson;
import io.posekit.runtime.config.Config;
import io.posekit.runtime.config.typed.GeneratedJava;
import io.posekit.runtime.config.typed.TypedConfig;
import io.posekit.runtime.engine.hooks.EMAHook;
import io.posekit.runtime.engine.optim.OptimWrapper;
import io.posekit.runtime.engine.optim.ParamGroup;
import io.posekit.runtime.engine.optim.Parameter;
import io.posekit.runtime.engine.optim.ParamwiseCfg;
import io.posekit.runtime.registry.Registry;
import io.posekit.spi.BuildContext;
import io.posekit.spi.ConfigException;
import io.posekit.spi.ConfigProblem;
import io.posekit.spi.ModuleConfig;
import io.posekit.spi.Tuple;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The typed reading of dicts MMEngine does not build as they stand: {@code init_cfg}/{@code norm_cfg}/
 * {@code act_cfg} (read by the module that holds them), a hook's {@code priority} (popped by
 * {@code Runner.register_hook}), {@code paramwise_cfg}/{@code constructor} of {@code optim_wrapper}
 * (popped by {@code build_optim_wrapper} for the wrapper's constructor); each round trip
 * Python → typed → {@code toMap()} and Python → config-gen Java → {@code toMap()}.
 */
class RunnerKeysAndModuleDataTest {
  private static final Registry REGISTRY = Registry.load();

  @TempDir Path tmp;

  private Path write(String name, String text) throws Exception {
    Path file = tmp.resolve("cfg").resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }

  private static TypedConfig translate(Path file) {
    return new TypedConfigTranslator(REGISTRY).translate(Config.fromFile(file));
  }

  private static ConfigProblem problemAt(Path file, String path) {
    List<ConfigProblem> problems = assertThrows(ConfigException.class, () -> translate(file)).problems();
    return problems.stream().filter(p -> p.path().toString().equals(path)).findFirst()
        .orElseThrow(() -> new AssertionError("no problem at " + path + " in " + problems));
  }

  @Test
  void pretrainedInitCfgAndSyncBnNormCfgStayDictsTheModuleReads() throws Exception {
    Path file = write("init.py", """
        default_scope = 'mmpose'
        norm_cfg = dict(type='SyncBN', requires_grad=True)
        init_cfg = dict(type='Pretrained', checkpoint='https://download.openmmlab.com/x.pth', prefix='backbone.')
        neck_settings = dict(norm_cfg=norm_cfg, act_cfg=dict(type='SiLU'), conv_cfg=None)
        model = dict(type='ResNet', depth=18,
                     init_cfg=dict(type='Pretrained', checkpoint='torchvision://resnet18'))
        """);
    TypedConfig typed = translate(file);
    assertEquals(List.of("model"), List.copyOf(typed.modules().keySet()), "only the ResNet is a module");
    assertEquals(Map.of("type", "SyncBN", "requires_grad", true), typed.get("norm_cfg"));
    assertEquals("Pretrained", ((Map<?, ?>) typed.get("init_cfg")).get("type"));
    assertEquals(Map.of("type", "SiLU"), typed.get("neck_settings.act_cfg"));
    ModuleConfig<?> resnet = (ModuleConfig<?>) typed.get("model");
    assertEquals(Map.of("type", "Pretrained", "checkpoint", "torchvision://resnet18"), resnet.toMap().get("init_cfg"));
  }

  @Test
  void normCfgOfAModuleThatTakesNoneIsStillAnUnknownKey() throws Exception {
    Path file = write("bad_norm.py", """
        default_scope = 'mmpose'
        model = dict(type='ResNet', depth=18,
                     norm_cfg=dict(type='SyncBN'))
        """);
    ConfigProblem p = problemAt(file, "model.norm_cfg");
    assertTrue(p.message().contains("unknown key 'norm_cfg'"), p.message());
    assertEquals(3, p.location().line());
  }

  @Test
  void hookPriorityIsTheRunnersNotTheHooks() throws Exception {
    Path file = write("hooks.py", """
        default_scope = 'mmpose'
        default_hooks = dict(logger=dict(type='LoggerHook', interval=5, priority='below_normal'))
        custom_hooks = [dict(type='EMAHook', ema_type='ExpMomentumEMA', momentum=0.0002,
                             update_buffers=True, priority=49),
                        dict(type='SyncBuffersHook')]
        """);
    TypedConfig typed = translate(file);
    HookCfg ema = assertInstanceOf(HookCfg.class, typed.get("custom_hooks.0"));
    assertEquals(49, ema.priorityValue());
    assertEquals("EMAHook", ema.type());
    assertFalse(ema.hook().toMap().containsKey("priority"), "no constructor argument");
    assertEquals(49, ema.toMap().get("priority"));
    assertEquals(true, ema.toMap().get("update_buffers"));
    assertInstanceOf(EMAHook.class, ema.build(BuildContext.empty()));
    HookCfg logger = assertInstanceOf(HookCfg.class, typed.get("default_hooks.logger"));
    assertEquals(60, logger.priorityValue());
    assertFalse(typed.get("custom_hooks.1") instanceof HookCfg, "a hook without priority is its plain config");
    assertEquals(EMAHook.class, typed.module("custom_hooks.0", EMAHook.class).moduleType());
  }

  @Test
  void badHookPriorityNamesFileLineAndKey() throws Exception {
    Path file = write("bad_priority.py", """
        default_scope = 'mmpose'
        custom_hooks = [dict(type='SyncBuffersHook',
                             priority='SOON')]
        """);
    ConfigProblem p = problemAt(file, "custom_hooks.0.priority");
    assertTrue(p.message().contains("unknown priority 'SOON'"), p.message());
    assertEquals(3, p.location().line());
  }

  @Test
  void paramwiseCfgGoesToTheOptimWrapperConstructor() throws Exception {
    Path file = write("optim.py", """
        default_scope = 'mmpose'
        optim_wrapper = dict(
            type='OptimWrapper',
            optimizer=dict(type='AdamW', lr=0.004, weight_decay=0.05),
            paramwise_cfg=dict(
                norm_decay_mult=0, bias_decay_mult=0, bypass_duplicate=True))
        """);
    TypedConfig typed = translate(file);
    OptimWrapperCfg cfg = assertInstanceOf(OptimWrapperCfg.class, typed.get("optim_wrapper"));
    assertEquals("OptimWrapper", cfg.type());
    assertEquals("DefaultOptimWrapperConstructor", cfg.constructor().type());
    assertFalse(cfg.optimWrapper().toMap().containsKey("paramwise_cfg"), "not the wrapper's");
    Map<?, ?> paramwise = (Map<?, ?>) cfg.toMap().get("paramwise_cfg");
    assertEquals(0.0, paramwise.get("norm_decay_mult"));
    assertEquals(true, paramwise.get("bypass_duplicate"));
    assertEquals("DefaultOptimWrapperConstructor", cfg.toMap().get("constructor"));

    // built as build_optim_wrapper does: the constructor groups the model's parameters
    Parameter conv = Parameter.of("backbone.conv.weight", new int[] {2, 1, 1, 1}, new float[2]);
    Parameter bias = Parameter.of("backbone.conv.bias", new int[] {2}, new float[2]);
    Parameter shared = Parameter.of("backbone.conv.weight", new int[] {2, 1, 1, 1}, new float[2]);
    OptimWrapper wrapper = cfg.build(BuildContext.of(Map.of(OptimWrapperCfg.MODEL_PARAMETERS_KEY, List.of(conv, bias, shared))));
    List<ParamGroup> groups = wrapper.paramGroups();
    assertEquals(2, groups.size(), "bypass_duplicate leaves the second backbone.conv.weight out");
    assertEquals(0.05, groups.get(0).get("weight_decay"), 1e-12);
    assertEquals(0.0, groups.get(1).get("weight_decay"), 1e-12); // bias_decay_mult=0
  }

  @Test
  void duplicateParameterWithoutBypassIsRefused() {
    Parameter a = Parameter.of("head.w", new int[] {1}, new float[1]);
    ParamwiseCfg strict = new ParamwiseCfg(null, null, null, null, null, Map.of(), false);
    var constructor = new io.posekit.runtime.engine.optim.DefaultOptimWrapperConstructor(strict);
    assertThrows(IllegalArgumentException.class, () -> constructor.paramGroups(List.of(a, a), 0.1, null));
  }

  @Test
  void unknownConstructorIsReportedAtItsKey() throws Exception {
    Path file = write("bad_constructor.py", """
        default_scope = 'mmpose'
        optim_wrapper = dict(
            type='OptimWrapper',
            optimizer=dict(type='AdamW', lr=0.004),
            constructor='LayerWiseDecayOptimWrapperConstructor')
        """);
    ConfigProblem p = problemAt(file, "optim_wrapper.constructor");
    assertTrue(p.message().contains("LayerWiseDecayOptimWrapperConstructor"), p.message());
    assertEquals(5, p.location().line());
  }

  @Test
  void configGenRoundTripOfAllFourRules() throws Exception {
    write("_base_/base.py", """
        default_scope = 'mmpose'
        norm_cfg = dict(type='SyncBN', requires_grad=True)
        model = dict(type='ResNet', depth=18, out_indices=(3,),
                     init_cfg=dict(type='Pretrained', checkpoint='torchvision://resnet18'))
        custom_hooks = [dict(type='EMAHook', momentum=0.0002, priority=49)]
        optim_wrapper = dict(type='OptimWrapper', optimizer=dict(type='AdamW', lr=0.004, weight_decay=0.05),
                             paramwise_cfg=dict(norm_decay_mult=0, custom_keys={'head': dict(lr_mult=0.1)}))
        """);
    Path child = write("child.py", """
        _base_ = ['_base_/base.py']
        model = dict(init_cfg=dict(checkpoint='x.pth'))
        custom_hooks = [dict(type='EMAHook', momentum=0.001, priority='NORMAL')]
        optim_wrapper = dict(paramwise_cfg=dict(bias_decay_mult=0, bypass_duplicate=True))
        """);
    ConfigSourceGenerator.Result result = ConfigCodegen.generate(tmp.resolve("cfg"), List.of(child), "t", false, REGISTRY);
    assertEquals(List.of(), result.plainDicts(), "every typed dict reads");
    String base = result.sources().get("t/_base_/Base.java");
    assertTrue(base.contains("new HookCfg("), base);
    assertTrue(base.contains("new OptimWrapperCfg("), base);
    assertTrue(base.contains("below norm_cfg"), base);
    Path out = tmp.resolve("out");
    assertEquals(List.of(), GeneratedJava.compile(result.sources(), out));
    try (URLClassLoader loader = GeneratedJava.loader(out)) {
      for (String name : List.of("_base_/base.py", "child.py")) {
        Object generated = TypedConfig.plain(GeneratedJava.config(loader, ConfigSourceGenerator.Result.className("t", name)));
        Object loaded = TypedConfig.plain(translate(tmp.resolve("cfg").resolve(name)).root());
        assertEquals(CanonicalJson.of(loaded), CanonicalJson.of(generated), name);
      }
      Map<Object, Object> childCfg = GeneratedJava.config(loader, "t.Child");
      OptimWrapperCfg optim = (OptimWrapperCfg) childCfg.get("optim_wrapper");
      Map<?, ?> paramwise = (Map<?, ?>) optim.toMap().get("paramwise_cfg");
      assertEquals(0.0, paramwise.get("norm_decay_mult"), "kept from the base");
      assertEquals(0.0, paramwise.get("bias_decay_mult"));
      assertEquals(Map.of("checkpoint", "x.pth", "type", "Pretrained"),
          ((ModuleConfig<?>) childCfg.get("model")).toMap().get("init_cfg"));
      assertEquals("NORMAL", ((HookCfg) ((List<?>) childCfg.get("custom_hooks")).get(0)).priority());
      assertEquals(Tuple.of(3), ((ModuleConfig<?>) childCfg.get("model")).toMap().get("out_indices"));
    }
  }
}
