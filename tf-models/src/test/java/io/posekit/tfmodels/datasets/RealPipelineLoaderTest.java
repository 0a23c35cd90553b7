package io.posekit.tfmodels.datasets;

import static org.junit.jupiter.api.Assertions.*;

import io.posekit.tfmodels.demo.SyntheticCocoGenerator;
import io.posekit.tfmodels.structures.PoseSample;
import io.posekit.tfmodels.transforms.GetBBoxCenterScale;
import io.posekit.tfmodels.transforms.LoadImage;
import io.posekit.tfmodels.transforms.PackPoseInputs;
import io.posekit.tfmodels.transforms.RandomBBoxTransform;
import io.posekit.tfmodels.transforms.RandomFlip;
import io.posekit.tfmodels.transforms.RandomHalfBody;
import io.posekit.tfmodels.transforms.TopdownAffine;
import io.posekit.tfmodels.transforms.Transform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The synthetic data through the random train pipeline: the same samples with 0 and 2 workers. */
class RealPipelineLoaderTest {
  @TempDir Path dir;

  private CocoDataset dataset() {
    List<Transform> pipeline =
        List.of(
            new LoadImage(false, true, false, null), new GetBBoxCenterScale(1.25), new RandomFlip(0.5, "horizontal"),
            new RandomHalfBody(9, 2, 3, 1.5, 0.3, 0.7),
            new RandomBBoxTransform(0.16, 0.3, new double[] {0.5, 1.5}, 1.0, 80.0, 0.6),
            new TopdownAffine(new int[] {24, 32}, false), new PackPoseInputs(new String[] {"img_path", "flip"}));
    return new CocoDataset(
        "annotations/person_keypoints_train2017.json", null, DataMode.TOPDOWN, null, dir.toString(),
        new DataPrefix("train2017/"), null, null, true, pipeline, false, false, 1000, 1);
  }

  private static List<String> fingerprints(DataLoader loader) {
    List<String> out = new ArrayList<>();
    for (List<PoseSample> batch : loader) {
      for (PoseSample s : batch) {
        out.add(s.imgPath + " flip=" + s.flip + " img=" + Arrays.hashCode(s.inputs.data()) + " kpts="
            + Arrays.deepToString(s.transformedKeypoints != null ? s.transformedKeypoints : s.keypoints));
      }
    }
    return out;
  }

  @Test
  void zeroAndTwoWorkersGiveTheSameSamples() throws Exception {
    SyntheticCocoGenerator.generate(
        SyntheticCocoGenerator.Options.defaults(dir).withSeed(4).withCounts(4, 0).withImageSize(96, 72));
    CocoDataset data = dataset();
    List<String> serial = fingerprints(new DataLoader(data, new DefaultSampler(data, true, 1, true), 3, 0, false, false, 7));
    List<String> parallel = fingerprints(new DataLoader(data, new DefaultSampler(data, true, 1, true), 3, 2, false, false, 7));
    assertEquals(data.size(), serial.size());
    assertEquals(serial, parallel);
    assertTrue(serial.stream().anyMatch(s -> s.contains("flip=true")) || serial.size() < 3, "random flips happen");

    // a broken image stops the epoch naming the sample and its file
    Path broken = dir.resolve("train2017/000000000002.jpg");
    Files.write(broken, new byte[] {1, 2, 3});
    CocoDataset again = dataset();
    DataLoaderException e =
        assertThrows(
            DataLoaderException.class,
            () -> fingerprints(new DataLoader(again, new DefaultSampler(again, false, 0, true), 2, 2, false, false, 0)));
    assertTrue(e.getMessage().contains("000000000002.jpg"), e.getMessage());
    assertEquals(2, again.getDataInfo(e.sampleIndex()).imgId);
  }
}
