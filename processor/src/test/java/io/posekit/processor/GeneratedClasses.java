package io.posekit.processor;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaFileObject;

/** The class files and resources of a Compile-Testing compilation, written to a directory and loaded. */
final class GeneratedClasses {
  private static final String CLASS_OUTPUT = "/CLASS_OUTPUT/";

  private GeneratedClasses() {}

  /** Writes every class file and resource of {@code compilation} under {@code dir}. */
  static Path writeTo(Compilation compilation, Path dir) {
    try {
      for (JavaFileObject file : compilation.generatedFiles()) {
        String name = file.toUri().getPath();
        int at = name.indexOf(CLASS_OUTPUT);
        // class files and PoseKit's resources; Immutables also opens files it never writes
        if (at < 0 || !(name.endsWith(".class") || name.contains("/META-INF/posekit/")
            || name.contains("/META-INF/services/"))) {
          continue;
        }
        Path target = dir.resolve(name.substring(at + CLASS_OUTPUT.length()));
        Files.createDirectories(target.getParent());
        try (InputStream in = file.openInputStream()) {
          Files.copy(in, target);
        }
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static URLClassLoader load(Compilation compilation, Path dir) {
    try {
      return new URLClassLoader(
          new URL[] {writeTo(compilation, dir).toUri().toURL()}, GeneratedClasses.class.getClassLoader());
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }
}
