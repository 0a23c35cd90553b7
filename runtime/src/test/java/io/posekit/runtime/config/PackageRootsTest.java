package io.posekit.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posekit.runtime.config.dict.ConfigDict;
import io.posekit.runtime.config.dict.ConfigLoadException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A package's {@code pkg::} bases come from its {@code .mim/configs} and its {@code with
 * read_base():} modules from its Python package, as MMEngine reads them; the two hold files of the
 * same name that differ (as MMPose's {@code configs/_base_/default_runtime.py} and {@code
 * mmpose/configs/_base_/default_runtime.py} do).
 */
class PackageRootsTest {
  @TempDir Path dir;

  private void write(Path file, String text) throws Exception {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  /** A source checkout: top-level configs/ (the .mim configs) and the package pkg/ with its own configs/. */
  private Path checkout() throws Exception {
    Path repo = dir.resolve("repo");
    write(repo.resolve("configs/_base_/runtime.py"), "where = 'mim'\ndefault_hooks = dict(timer=dict(type='IterTimerHook'))\n");
    write(repo.resolve("pkg/__init__.py"), "");
    write(repo.resolve("pkg/configs/__init__.py"), "");
    write(repo.resolve("pkg/configs/_base_/runtime.py"), "where = 'package'\nlog_level = 'INFO'\n");
    write(repo.resolve("configs/fam/scoped.py"), "_base_ = ['pkg::_base_/runtime.py']\nlr = 0.1\n");
    write(repo.resolve("configs/fam/lazy.py"),
        "from mmengine.config import read_base\nwith read_base():\n    from pkg.configs._base_.runtime import *\nlr = 0.2\n");
    return repo;
  }

  @Test
  void aCheckoutGivesBothRoots() throws Exception {
    Path repo = checkout();
    LoadOptions options = LoadOptions.defaults().withScopeRoots(Map.of("pkg", repo));
    assertEquals(repo.resolve("configs").toAbsolutePath(), options.scopeRoots().get("pkg"));
    assertEquals(repo.resolve("pkg").toAbsolutePath(), options.packageDirs().get("pkg"));

    ConfigDict scoped = Config.fromFile(repo.resolve("configs/fam/scoped.py"), options).dict();
    assertEquals("mim", scoped.get("where"));
    assertEquals("pkg", ((ConfigDict) ((ConfigDict) scoped.get("default_hooks")).get("timer")).get("_scope_"));
    ConfigDict lazy = Config.fromFile(repo.resolve("configs/fam/lazy.py"), options).dict();
    assertEquals("package", lazy.get("where"));
    assertEquals("INFO", lazy.get("log_level"));
  }

  @Test
  void theConfigsDirectoryOfACheckoutFindsThePackageBesideIt() throws Exception {
    Path repo = checkout();
    LoadOptions options = LoadOptions.defaults().withScopeRoots(Map.of("pkg", repo.resolve("configs")));
    assertEquals("mim", Config.fromFile(repo.resolve("configs/fam/scoped.py"), options).dict().get("where"));
    assertEquals("package", Config.fromFile(repo.resolve("configs/fam/lazy.py"), options).dict().get("where"));
  }

  @Test
  void anInstalledPackageGivesItsMimConfigsAndItself() throws Exception {
    Path site = dir.resolve("site-packages/pkg");
    write(site.resolve("__init__.py"), "");
    write(site.resolve(".mim/configs/_base_/runtime.py"), "where = 'mim'\n");
    write(site.resolve("configs/_base_/runtime.py"), "where = 'package'\n");
    Path user = dir.resolve("user");
    write(user.resolve("scoped.py"), "_base_ = ['pkg::_base_/runtime.py']\n");
    write(user.resolve("lazy.py"), "from mmengine.config import read_base\nwith read_base():\n    from pkg.configs._base_.runtime import *\n");
    LoadOptions options = LoadOptions.defaults().withScopeRoots(Map.of("pkg", site));
    assertEquals("mim", Config.fromFile(user.resolve("scoped.py"), options).dict().get("where"));
    assertEquals("package", Config.fromFile(user.resolve("lazy.py"), options).dict().get("where"));
  }

  @Test
  void aModuleOutsideConfigsNeedsThePackageDirectory() throws Exception {
    Path configs = dir.resolve("only/configs");
    write(configs.resolve("_base_/runtime.py"), "where = 'mim'\n");
    write(configs.resolve("lazy.py"), "from mmengine.config import read_base\nwith read_base():\n    from pkg.configs._base_.runtime import *\n");
    write(configs.resolve("other.py"), "from mmengine.config import read_base\nwith read_base():\n    from pkg.models.x import *\n");
    LoadOptions options = LoadOptions.defaults().withScopeRoots(Map.of("pkg", configs));
    assertTrue(options.packageDirs().isEmpty());
    // without a package directory, pkg.configs.* is read from the configs root, as before
    assertEquals("mim", Config.fromFile(configs.resolve("lazy.py"), options).dict().get("where"));
    ConfigLoadException e = assertThrows(ConfigLoadException.class, () -> Config.fromFile(configs.resolve("other.py"), options));
    assertTrue(e.getMessage().contains(configs.resolve("other.py") + ":3") && e.getMessage().contains("withPackageDirs"), e.getMessage());
  }
}
