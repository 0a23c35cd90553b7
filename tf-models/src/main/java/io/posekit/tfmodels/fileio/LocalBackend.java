package io.posekit.tfmodels.fileio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * MMEngine's {@code LocalBackend}: files on local disk. {@code path_mapping} is applied first, as
 * the Petrel backend applies it, so a config can move a data root without editing its paths.
 */
final class LocalBackend implements StorageBackend {
  private final PathMapping pathMapping;

  LocalBackend(PathMapping pathMapping) {
    this.pathMapping = pathMapping;
  }

  static LocalBackend create(BackendArgs args) {
    PathMapping mapping = PathMapping.of(args.take("path_mapping"), "local backend");
    args.requireAllTaken();
    return new LocalBackend(mapping);
  }

  @Override
  public String name() {
    return "local";
  }

  private Path path(String filepath) {
    return Path.of(pathMapping.map(filepath));
  }

  @Override
  public byte[] get(String filepath) {
    Path path = path(filepath);
    try {
      return Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw new MissingFileException(path.toString(), path + ": no such file" + mapped(filepath, path));
    } catch (IOException e) {
      String why = Files.isDirectory(path) ? "it is a folder" : e.toString();
      throw new StorageException(path.toString(), path + ": cannot be read: " + why, e);
    }
  }

  private String mapped(String filepath, Path path) {
    return filepath.equals(path.toString()) ? "" : " (path_mapping of " + filepath + ")";
  }

  @Override
  public boolean exists(String filepath) {
    return Files.exists(path(filepath));
  }

  /** As {@code os.path.join}: a part that is an absolute path starts the result anew. */
  @Override
  public String joinPath(String filepath, String... parts) {
    return PosixPaths.join(filepath, parts);
  }

  @Override
  public List<String> listDirOrFile(String dirPath, boolean listDir, boolean listFile, Set<String> suffix, boolean recursive) {
    if (listDir && !suffix.isEmpty()) {
      throw new IllegalArgumentException("list_dir_or_file: suffix applies to files only, so list_dir must be False");
    }
    Path root = path(dirPath);
    if (!Files.isDirectory(root)) {
      throw new MissingFileException(root.toString(), root + ": no such folder");
    }
    List<String> out = new ArrayList<>();
    try (Stream<Path> entries = recursive ? Files.walk(root).skip(1) : Files.list(root)) {
      entries.sorted().forEach(p -> {
        String rel = root.relativize(p).toString();
        if (Files.isDirectory(p)) {
          if (listDir) {
            out.add(rel);
          }
        } else if (listFile && (suffix.isEmpty() || suffix.stream().anyMatch(rel::endsWith))) {
          out.add(rel);
        }
      });
    } catch (IOException | UncheckedIOException e) {
      throw new StorageException(root.toString(), root + ": cannot be listed: " + e, e);
    }
    return out;
  }
}
