package io.posekit.maven;

import io.posekit.configgen.ConfigGenException;
import io.posekit.configgen.ConfigSourceGenerator;
import io.posekit.runtime.runner.ConfigCodegen;
import io.posekit.runtime.registry.Registry;
import io.posekit.spi.ConfigException;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;

/**
 * Runs config-gen over every config of the project (Python, JSON, YAML, with their {@code _base_}
 * files) and adds the generated Java to the compile roots, so that each build checks the configs:
 * a config that does not load or whose typed dicts do not read fails the build naming the config
 * file, line and key path; the generated Java then compiles against the typed-config builders.
 * Modules are looked up in the project's compile class path (PoseKit's and its plugins' jars).
 */
@Mojo(name = "generate-configs", defaultPhase = LifecyclePhase.GENERATE_SOURCES,
    requiresDependencyResolution = ResolutionScope.COMPILE, threadSafe = true)
public class GenerateConfigsMojo extends AbstractMojo {
  /** The config root: MMPose's layout, {@code _base_/} and the configs' directories below it. */
  @Parameter(property = "posekit.configDirectory", defaultValue = "${project.basedir}/src/main/configs")
  File configDirectory;

  /** Directory names below the config root that hold no configs. */
  @Parameter
  List<String> excludeDirectories = new ArrayList<>();

  /** Where the generated Java goes; added to the compile source roots. */
  @Parameter(property = "posekit.outputDirectory",
      defaultValue = "${project.build.directory}/generated-sources/posekit-configs")
  File outputDirectory;

  /** Package of classes for configs in the root directory; subdirectories add packages. */
  @Parameter(property = "posekit.package", defaultValue = "configs")
  String packageName;

  /**
   * Where the bases of a scope live, by scope name ({@code <scopeRoots><mmpose>src/main/configs/mmpose</mmpose></scopeRoots>}):
   * for {@code mmpose::path} bases (the package's {@code .mim/configs}) and {@code with read_base(): from
   * mmpose.configs.x import *} (its Python package); a checkout, an installed package directory or the
   * configs directory, as {@code LoadOptions.withScopeRoots} takes them.
   * Relative paths are relative to the project; each must lie below {@code configDirectory}.
   */
  @Parameter
  Map<String, String> scopeRoots = new LinkedHashMap<>();

  /** Keep typed dicts of unregistered types as plain dicts instead of failing the build. */
  @Parameter(property = "posekit.lenient", defaultValue = "false")
  boolean lenient;

  @Parameter(property = "posekit.skip", defaultValue = "false")
  boolean skip;

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  MavenProject project;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("posekit: generate-configs skipped");
      return;
    }
    Path root = configDirectory.toPath();
    if (!Files.isDirectory(root)) {
      getLog().info("posekit: no config directory " + root + ", nothing to generate");
      return;
    }
    List<String> skipDirs = new ArrayList<>(excludeDirectories);
    skipDirs.add("target");
    List<Path> configs = ConfigCodegen.findConfigs(root, skipDirs);
    List<String> classpath;
    try {
      classpath = project.getCompileClasspathElements();
    } catch (DependencyResolutionRequiredException e) {
      throw new MojoExecutionException("the compile class path is not resolved", e);
    }
    ConfigSourceGenerator.Result result = generate(root, configs, classpath);
    ConfigCodegen.write(result.sources(), outputDirectory.toPath());
    for (ConfigSourceGenerator.PlainDict plain : result.plainDicts()) {
      getLog().info("posekit: " + plain.file() + ": " + plain.path() + " (type " + plain.type()
          + ") stays a plain dict: " + plain.reason().lines().findFirst().orElse(""));
    }
    project.addCompileSourceRoot(outputDirectory.getPath());
    getLog().info("posekit: " + configs.size() + " configs -> " + result.sources().size() + " classes in " + outputDirectory);
  }

  /** Loads and generates with the project's class path as the registry's class path. */
  ConfigSourceGenerator.Result generate(Path root, List<Path> configs, List<String> classpath) throws MojoFailureException {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    try (URLClassLoader loader = new URLClassLoader(urls(classpath), getClass().getClassLoader())) {
      thread.setContextClassLoader(loader);
      return ConfigCodegen.generate(root, configs, packageName, lenient, Registry.load(loader), scopeRootPaths());
    } catch (ConfigException | ConfigGenException e) {
      throw new MojoFailureException("posekit: a config is broken:\n" + e.getMessage(), e);
    } catch (java.io.IOException e) {
      throw new MojoFailureException("posekit: " + e.getMessage(), e);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private Map<String, Path> scopeRootPaths() {
    Map<String, Path> out = new LinkedHashMap<>();
    Path base = project.getBasedir() == null ? Path.of("") : project.getBasedir().toPath();
    scopeRoots.forEach((scope, dir) -> out.put(scope, base.resolve(dir).toAbsolutePath().normalize()));
    return out;
  }

  private static URL[] urls(List<String> classpath) throws MojoFailureException {
    List<URL> out = new ArrayList<>();
    for (String element : classpath) {
      try {
        out.add(new File(element).toURI().toURL());
      } catch (MalformedURLException e) {
        throw new MojoFailureException("bad class path element " + element, e);
      }
    }
    return out.toArray(URL[]::new);
  }
}
