package io.posekit.runtime.config.typed;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Compiles config-gen's output in-process (javax.tools) and runs it, for tests and the compatibility run. */
public final class GeneratedJava {
  private GeneratedJava() {}

  /** Compiles {@code sources} (relative path to text) into {@code dir}; returns javac's errors (empty: compiled). */
  public static List<String> compile(Map<String, String> sources, Path dir) {
    try {
      Path src = dir.resolve("src");
      Path classes = dir.resolve("classes");
      Files.createDirectories(classes);
      List<File> files = new ArrayList<>();
      for (Map.Entry<String, String> e : sources.entrySet()) {
        Path file = src.resolve(e.getKey());
        Files.createDirectories(file.getParent());
        Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
        files.add(file.toFile());
      }
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
      try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
        List<String> options = List.of("-classpath", System.getProperty("java.class.path"), "-d", classes.toString(),
            "-proc:none", "--release", "17", "-Xlint:unchecked", "-Werror");
        javac.getTask(null, fm, diagnostics, options, null, fm.getJavaFileObjectsFromFiles(files)).call();
      }
      List<String> errors = new ArrayList<>();
      for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
        if (d.getKind() == Diagnostic.Kind.ERROR || d.getKind() == Diagnostic.Kind.WARNING
            || d.getKind() == Diagnostic.Kind.MANDATORY_WARNING) {
          errors.add(d.getSource() == null ? d.getMessage(Locale.ROOT)
              : src.relativize(Path.of(d.getSource().toUri())) + ":" + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT));
        }
      }
      return errors;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static URLClassLoader loader(Path dir) {
    try {
      return new URLClassLoader(new URL[] {dir.resolve("classes").toUri().toURL()}, GeneratedJava.class.getClassLoader());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Calls {@code config()} of the generated class {@code className}. */
  @SuppressWarnings("unchecked")
  public static Map<Object, Object> config(ClassLoader loader, String className) {
    try {
      return (Map<Object, Object>) loader.loadClass(className).getMethod("config").invoke(null);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(className + ".config() threw", e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
