package io.posekit.tfmodels.fileio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MMEngine's {@code get_file_backend} and its functions over the local backend. */
class FileIOTest {
  @TempDir Path dir;

  @Test
  void prefixesAsMmengineParsesThem() {
    assertEquals("", FileIO.uriPrefix("/home/path/of/your/file"));
    assertEquals("s3", FileIO.uriPrefix("s3://path/of/your/file"));
    assertEquals("s3", FileIO.uriPrefix("clusterName:s3://path/of/your/file"));
    assertEquals("https", FileIO.uriPrefix("https://host/a.jpg"));
  }

  @Test
  void readsBytesAndTextOfLocalFiles() throws Exception {
    Path file = dir.resolve("a.txt");
    Files.writeString(file, "héllo", StandardCharsets.UTF_8);
    assertArrayEquals("héllo".getBytes(StandardCharsets.UTF_8), FileIO.get(file.toString(), null));
    assertEquals("héllo", FileIO.getText(file.toString(), Map.of("backend", "local")));
    assertTrue(FileIO.exists(file.toString(), null));
    assertFalse(FileIO.exists(dir.resolve("b.txt").toString(), null));
  }

  @Test
  void aMissingFileIsNamed() {
    String missing = dir.resolve("nope.jpg").toString();
    var e = assertThrows(MissingFileException.class, () -> FileIO.get(missing, null));
    assertEquals(missing + ": no such file", e.getMessage());
    assertEquals(missing, e.uri());
    var folder = assertThrows(StorageException.class, () -> FileIO.get(dir.toString(), null));
    assertTrue(folder.getMessage().startsWith(dir + ": cannot be read: it is a folder"), folder.getMessage());
  }

  @Test
  void pathMappingReplacesTheFirstOccurrenceOfEachSourceInOrder() throws Exception {
    // Python: 'data/coco/data/coco/x'.replace('data/coco/', 'D/', 1) -> 'D/data/coco/x'; then 'D/' -> dir
    Map<String, Object> mapping = new LinkedHashMap<>();
    mapping.put("data/coco/", "D/");
    mapping.put("D/", dir + "/");
    PathMapping m = PathMapping.of(mapping, "test");
    assertEquals(dir + "/data/coco/x", m.map("data/coco/data/coco/x"));
    assertEquals("other/x", m.map("other/x"));

    Files.createDirectories(dir.resolve("data/coco"));
    Files.write(dir.resolve("data/coco/x"), new byte[] {1, 2, 3});
    Map<String, Object> args = Map.of("backend", "local", "path_mapping", mapping);
    assertArrayEquals(new byte[] {1, 2, 3}, FileIO.get("data/coco/data/coco/x", args));
    var e = assertThrows(MissingFileException.class, () -> FileIO.get("data/coco/y", args));
    assertEquals(dir + "/y: no such file (path_mapping of data/coco/y)", e.getMessage());
  }

  @Test
  void backendsAreReusedPerPrefixAndArguments() {
    StorageBackend a = FileIO.getFileBackend("/x", null);
    assertSame(a, FileIO.getFileBackend("/y", Map.of()));
    assertEquals("local", FileIO.getFileBackend(null, Map.of("backend", "local")).name());
  }

  @Test
  void badBackendArgsAreNamed() {
    var unknown = assertThrows(IllegalArgumentException.class, () -> FileIO.getFileBackend("/x", Map.of("backend", "disk")));
    assertTrue(unknown.getMessage().startsWith("backend_args: unknown backend 'disk'; PoseKit reads through local"), unknown.getMessage());
    var extra = assertThrows(IllegalArgumentException.class,
        () -> FileIO.getFileBackend("/x", Map.of("backend", "local", "db_path", "/tmp")));
    assertEquals("backend_args: the local backend takes no argument db_path", extra.getMessage());
    var noBackend = assertThrows(IllegalArgumentException.class, () -> FileIO.getFileBackend(null, Map.of()));
    assertTrue(noBackend.getMessage().startsWith("backend_args must name a 'backend'"), noBackend.getMessage());
    var owner = assertThrows(IllegalArgumentException.class,
        () -> FileIO.checkBackendArgs(Map.of("backend", "nfs"), "LoadImage"));
    assertTrue(owner.getMessage().startsWith("LoadImage.backend_args: unknown backend 'nfs'"), owner.getMessage());
  }

  @Test
  void joinsAsOsPathJoin() {
    assertEquals("data/coco/a.json", FileIO.joinPath("data/coco", "a.json"));
    assertEquals("data/coco/a/", FileIO.joinPath("data/coco/", "a/"));
    assertEquals("/abs/a.json", FileIO.joinPath("data/coco", "/abs/a.json"));
    assertEquals("s3://bucket/coco/x.jpg", PosixPaths.join("s3://bucket/coco", "x.jpg"));
    assertTrue(PosixPaths.isAbs("s3://b/k"));
    assertTrue(PosixPaths.isAbs("/k"));
    assertFalse(PosixPaths.isAbs("data/k"));
  }

  @Test
  void listsFilesAndFoldersRelativeToTheFolder() throws Exception {
    Files.createDirectories(dir.resolve("imgs/sub"));
    Files.write(dir.resolve("imgs/a.jpg"), new byte[1]);
    Files.write(dir.resolve("imgs/b.png"), new byte[1]);
    Files.write(dir.resolve("imgs/sub/c.jpg"), new byte[1]);
    String root = dir.resolve("imgs").toString();
    assertEquals(List.of("a.jpg", "b.png", "sub"), FileIO.listDirOrFile(root, true, true, Set.of(), false, null));
    assertEquals(List.of("a.jpg", "sub/c.jpg"), FileIO.listDirOrFile(root, false, true, Set.of(".jpg"), true, null));
    assertEquals(List.of("sub"), FileIO.listDirOrFile(root, true, false, Set.of(), true, null));
    assertThrows(IllegalArgumentException.class, () -> FileIO.listDirOrFile(root, true, true, Set.of(".jpg"), false, null));
  }
}
