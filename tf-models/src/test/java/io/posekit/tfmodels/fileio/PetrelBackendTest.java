package io.posekit.tfmodels.fileio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The petrel backend against a real S3-compatible server on loopback (s3proxy). */
class PetrelBackendTest {
  private static final String BUCKET = "petrel-test";

  @BeforeAll
  static void objects() {
    S3TestServer.start();
    S3TestServer.createBucket(BUCKET);
    S3TestServer.put(BUCKET, "coco/train2017/a.jpg", new byte[] {1, 2, 3, 4});
    S3TestServer.put(BUCKET, "coco/ann.json", "{\"images\": []}".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void s3UrisReadThroughThePetrelBackendByTheirPrefix() {
    assertEquals("petrel", FileIO.getFileBackend("s3://" + BUCKET + "/x", null).name());
    assertArrayEquals(new byte[] {1, 2, 3, 4}, FileIO.get("s3://" + BUCKET + "/coco/train2017/a.jpg", null));
    assertEquals("{\"images\": []}", FileIO.getText("petrel://" + BUCKET + "/coco/ann.json", null));
  }

  @Test
  void pathMappingSendsLocalPathsToTheBucketAsPetrelConfigsDo() {
    Map<String, Object> args = Map.of("backend", "petrel",
        "path_mapping", Map.of("data/coco/", "s3://" + BUCKET + "/coco/", "data\\coco\\", "s3://" + BUCKET + "/coco/"));
    assertArrayEquals(new byte[] {1, 2, 3, 4}, FileIO.get("data/coco/train2017/a.jpg", args));
    // Windows-joined paths have their backslashes folded into slashes
    assertArrayEquals(new byte[] {1, 2, 3, 4}, FileIO.get("data\\coco\\train2017\\a.jpg", args));
    assertTrue(FileIO.exists("data/coco/train2017/a.jpg", args));
    assertTrue(FileIO.exists("data/coco/train2017", args), "a prefix with objects under it is a folder");
    assertFalse(FileIO.exists("data/coco/val2017/a.jpg", args));
    assertEquals("s3://" + BUCKET + "/coco/train2017/a.jpg", FileIO.getFileBackend(null, args).joinPath("data/coco/", "/train2017/a.jpg"));
  }

  @Test
  void aMissingObjectOrBucketFailsAtOnceNamingIt() {
    String uri = "s3://" + BUCKET + "/coco/none.jpg";
    var e = assertThrows(MissingFileException.class, () -> FileIO.get(uri, null));
    assertEquals(uri + ": no such object (NoSuchKey)", e.getMessage());
    var mapped = assertThrows(MissingFileException.class,
        () -> FileIO.get("data/none.jpg", Map.of("backend", "petrel", "path_mapping", Map.of("data/", "s3://" + BUCKET + "/"))));
    assertEquals("s3://" + BUCKET + "/none.jpg (path_mapping of data/none.jpg): no such object (NoSuchKey)", mapped.getMessage());
    var bucket = assertThrows(MissingFileException.class, () -> FileIO.get("s3://no-such-bucket/a.jpg", null));
    assertEquals("s3://no-such-bucket/a.jpg: no such object (NoSuchBucket)", bucket.getMessage());
  }

  @Test
  void pathsThatAreNotS3AfterMappingAreRefusedByName() {
    var e = assertThrows(StorageException.class, () -> FileIO.get("data/a.jpg", Map.of("backend", "petrel")));
    assertEquals("data/a.jpg: the petrel backend reads s3://bucket/key paths; data/a.jpg is not an s3:// path", e.getMessage());
    var cluster = assertThrows(StorageException.class, () -> FileIO.get("cluster1:s3://b/a.jpg", null));
    assertTrue(cluster.getMessage().contains("names a Petrel cluster"), cluster.getMessage());
    var conf = assertThrows(IllegalArgumentException.class,
        () -> FileIO.getFileBackend(null, Map.of("backend", "petrel", "conf_path", "~/petreloss.conf")));
    assertTrue(conf.getMessage().startsWith("backend_args.conf_path: PoseKit reaches S3 through the AWS SDK"), conf.getMessage());
  }
}
