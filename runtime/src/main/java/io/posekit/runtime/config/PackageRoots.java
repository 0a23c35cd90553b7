package io.posekit.runtime.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A package's two config roots, as MMEngine finds them in an installed package: {@code configs},
 * its {@code .mim/configs} ({@code pkg::path} bases), and {@code packageDir}, the Python package
 * itself ({@code with read_base(): from pkg.configs.x import *} imports its module {@code
 * configs/x.py}). In MMPose's repository these are the top-level {@code configs/} and {@code
 * mmpose/} (whose {@code configs/} holds different, new-style files).
 */
record PackageRoots(Path configs, Optional<Path> packageDir) {
  /** The roots of package {@code name} given as a checkout, an installed package or its configs directory. */
  static PackageRoots of(String name, Path root) {
    Path dir = root.toAbsolutePath().normalize();
    if (isPackage(dir.resolve(name)) && Files.isDirectory(dir.resolve("configs"))) {
      return new PackageRoots(dir.resolve("configs"), Optional.of(dir.resolve(name))); // a checkout
    }
    if (Files.isDirectory(dir.resolve(".mim").resolve("configs"))) {
      return new PackageRoots(dir.resolve(".mim").resolve("configs"), Optional.of(dir)); // installed
    }
    Path parent = dir.getParent();
    Path beside = parent == null ? null : parent.resolve(name);
    return new PackageRoots(dir, beside != null && isPackage(beside) ? Optional.of(beside) : Optional.empty());
  }

  private static boolean isPackage(Path dir) {
    return Files.isRegularFile(dir.resolve("__init__.py"));
  }
}
