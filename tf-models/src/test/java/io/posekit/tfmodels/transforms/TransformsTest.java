package io.posekit.tfmodels.transforms;

import static org.junit.jupiter.api.Assertions.*;

import io.posekit.tfmodels.datasets.DatasetMeta;
import io.posekit.tfmodels.structures.BBoxTransforms;
import io.posekit.tfmodels.structures.FlipDirection;
import io.posekit.tfmodels.structures.ImageArray;
import io.posekit.tfmodels.structures.PoseSample;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TransformsTest {
  private static final DatasetMeta META = DatasetMeta.coco();

  /** A 80 x 60 sample with one person: all 17 keypoints visible, in a column. */
  private static PoseSample sample() {
    PoseSample s = new PoseSample();
    s.imgId = 1;
    s.img = ImageArray.zeros(60, 80, 3);
    s.imgShape = new int[] {60, 80};
    s.bbox = new double[][] {{20, 5, 40, 55}};
    s.bboxScore = new double[] {1};
    s.keypoints = new double[1][17][];
    s.keypointsVisible = new double[1][17];
    for (int i = 0; i < 17; i++) {
      s.keypoints[0][i] = new double[] {25 + (i % 2) * 10, 6 + i * 3};
      s.keypointsVisible[0][i] = 1;
    }
    s.flipIndices = META.flipIndices().clone();
    s.upperBodyIds = META.upperBodyIds();
    s.lowerBodyIds = META.lowerBodyIds();
    return s;
  }

  @Test
  void getBBoxCenterScalePadsTheBox() {
    PoseSample s = new GetBBoxCenterScale(1.25).transform(sample(), new SplittableRandom(0));
    assertArrayEquals(new double[] {30, 30}, s.bboxCenter[0]);
    assertArrayEquals(new double[] {25, 62.5}, s.bboxScale[0]);
    // existing centre and scale only get the padding
    PoseSample again = new GetBBoxCenterScale(2).transform(s, new SplittableRandom(0));
    assertArrayEquals(new double[] {50, 125}, again.bboxScale[0]);
  }

  @Test
  void randomFlipWithProbabilityOneFlipsEverything() {
    PoseSample s = new GetBBoxCenterScale(1.25).transform(sample(), new SplittableRandom(0));
    s.img.data()[(10 * 80 + 3) * 3] = (byte) 255; // blue pixel at (3, 10)
    PoseSample f = new RandomFlip(1.0, "horizontal").transform(s, new SplittableRandom(0));
    assertTrue(f.flip);
    assertEquals(FlipDirection.HORIZONTAL, f.flipDirection);
    assertEquals(255, f.img.get(10, 80 - 1 - 3, 0));
    assertArrayEquals(new double[] {80 - 40 - 1, 5, 80 - 20 - 1, 55}, f.bbox[0]);
    assertArrayEquals(new double[] {80 - 30 - 1, 30}, f.bboxCenter[0]);
    // keypoint 1 (left eye) is now the old right eye (index 2) mirrored
    assertArrayEquals(new double[] {80 - 1 - 25, 6 + 2 * 3}, f.keypoints[0][1]);
    assertArrayEquals(new double[] {80 - 1 - 25, 6}, f.keypoints[0][0]);
    PoseSample n = new RandomFlip(0.0, "horizontal").transform(sample(), new SplittableRandom(0));
    assertFalse(n.flip);
    assertArrayEquals(new double[] {25, 6}, n.keypoints[0][0]);
  }

  @Test
  void randomFlipChoosesAmongDirectionsByProbability() {
    RandomFlip flip = new RandomFlip(List.of(0.3, 0.3), List.of("horizontal", "vertical"));
    SplittableRandom rng = new SplittableRandom(42);
    int h = 0, v = 0, none = 0;
    for (int i = 0; i < 3000; i++) {
      FlipDirection d = flip.chooseDirection(rng);
      if (d == FlipDirection.HORIZONTAL) h++;
      else if (d == FlipDirection.VERTICAL) v++;
      else none++;
    }
    assertEquals(900, h, 90);
    assertEquals(900, v, 90);
    assertEquals(1200, none, 90);
    assertThrows(IllegalArgumentException.class, () -> new RandomFlip(0.5, "sideways"));
    assertThrows(IllegalArgumentException.class, () -> new RandomFlip(List.of(0.7, 0.7), List.of("horizontal", "vertical")));
  }

  @Test
  void halfBodyBoxIsTheUpperBodyExtentPadded() {
    PoseSample s = new GetBBoxCenterScale(1.25).transform(sample(), new SplittableRandom(0));
    PoseSample h = new RandomHalfBody(9, 2, 3, 1.5, 1.0, 1.0).transform(s, new SplittableRandom(3));
    // upper body = keypoints 0..10: x in {25, 35}, y from 6 to 36
    double meanX = (6 * 25 + 5 * 35) / 11.0;
    double meanY = 0;
    for (int i = 0; i <= 10; i++) {
      meanY += 6 + i * 3;
    }
    meanY /= 11;
    assertArrayEquals(new double[] {meanX, meanY}, h.bboxCenter[0], 1e-9);
    assertArrayEquals(new double[] {10 * 1.5, 30 * 1.5}, h.bboxScale[0], 1e-9);
    // lower body when the upper half is preferred with probability 0
    PoseSample l = new RandomHalfBody(9, 2, 3, 1.5, 1.0, 0.0).transform(
        new GetBBoxCenterScale(1.25).transform(sample(), new SplittableRandom(0)), new SplittableRandom(3));
    // lower body = keypoints 11..16: y from 6 + 33 to 6 + 48
    assertArrayEquals(new double[] {10 * 1.5, (54 - 39) * 1.5}, l.bboxScale[0], 1e-9);
    // too few visible keypoints: the box stays
    PoseSample few = new GetBBoxCenterScale(1.25).transform(sample(), new SplittableRandom(0));
    for (int i = 0; i < 10; i++) {
      few.keypointsVisible[0][i] = 0;
    }
    PoseSample kept = new RandomHalfBody(9, 2, 3, 1.5, 1.0, 1.0).transform(few, new SplittableRandom(3));
    assertArrayEquals(new double[] {25, 62.5}, kept.bboxScale[0]);
  }

  @Test
  void randomBBoxTransformIsReproducibleAndBounded() {
    RandomBBoxTransform t = new RandomBBoxTransform(0.16, 1.0, new double[] {0.5, 1.5}, 1.0, 80, 1.0);
    PoseSample a = t.transform(new GetBBoxCenterScale(1.25).transform(sample(), new SplittableRandom(0)), new SplittableRandom(9));
    PoseSample b = t.transform(new GetBBoxCenterScale(1.25).transform(sample(), new SplittableRandom(0)), new SplittableRandom(9));
    assertArrayEquals(a.bboxCenter[0], b.bboxCenter[0]);
    assertArrayEquals(a.bboxScale[0], b.bboxScale[0]);
    assertArrayEquals(a.bboxRotation, b.bboxRotation);
    SplittableRandom rng = new SplittableRandom(1);
    for (int i = 0; i < 200; i++) {
      PoseSample s = t.transform(new GetBBoxCenterScale(1.25).transform(sample(), rng), rng);
      double f = s.bboxScale[0][0] / 25;
      assertTrue(f >= 0.5 && f <= 1.5, "scale " + f);
      assertTrue(Math.abs(s.bboxRotation[0]) <= 80);
      assertTrue(Math.abs(s.bboxCenter[0][0] - 30) <= 0.16 * 25 + 1e-9);
    }
    RandomBBoxTransform off = new RandomBBoxTransform(0.16, 0.0, new double[] {0.5, 1.5}, 0.0, 80, 0.0);
    PoseSample same = off.transform(new GetBBoxCenterScale(1.25).transform(sample(), rng), rng);
    assertArrayEquals(new double[] {30, 30}, same.bboxCenter[0]);
    assertArrayEquals(new double[] {25, 62.5}, same.bboxScale[0]);
    assertEquals(0.0, same.bboxRotation[0]);
  }

  @Test
  void topdownAffineFixesAspectRatioThenWarps() {
    assertArrayEquals(new double[] {75, 100}, TopdownAffine.fixAspectRatio(new double[] {50, 100}, 0.75), 1e-12);
    assertArrayEquals(new double[] {100, 100 / 0.75}, TopdownAffine.fixAspectRatio(new double[] {100, 100}, 0.75), 1e-12);

    PoseSample s = new GetBBoxCenterScale(1.25).transform(sample(), new SplittableRandom(0));
    s.img.data()[(30 * 80 + 30) * 3 + 2] = (byte) 250; // red pixel at the box centre (30, 30)
    PoseSample t = new TopdownAffine(new int[] {24, 32}, false).transform(s, new SplittableRandom(0));
    // 25 x 62.5 at aspect 0.75 becomes 46.875 x 62.5
    assertArrayEquals(new double[] {46.875, 62.5}, t.bboxScale[0], 1e-9);
    assertEquals(32, t.img.height());
    assertEquals(24, t.img.width());
    assertArrayEquals(new int[] {24, 32}, t.inputSize);
    double[][] m = BBoxTransforms.getWarpMatrix(new double[] {30, 30}, new double[] {46.875, 62.5}, 0, 24, 32);
    for (int k = 0; k < 17; k++) {
      double[] p = s.keypoints[0][k];
      assertArrayEquals(BBoxTransforms.apply(m, p[0], p[1]), t.transformedKeypoints[0][k], 1e-9);
    }
    // the centre pixel lands in the middle of the input, scaled down by 24 / 46.875
    assertTrue(t.img.get(16, 12, 2) > 40, "centre value " + t.img.get(16, 12, 2));
    assertEquals(0, t.img.get(2, 2, 2));
  }

  @Test
  void packPoseInputsBuildsTheDataSample() {
    PoseSample s = new GetBBoxCenterScale(1.25).transform(sample(), new SplittableRandom(0));
    s.id = 77;
    s.oriShape = new int[] {60, 80};
    s = new TopdownAffine(new int[] {24, 32}, false).transform(s, new SplittableRandom(0));
    PoseSample p =
        new PackPoseInputs(new String[] {"id", "img_id", "ori_shape", "input_size", "flip", "flip_indices"})
            .transform(s, new SplittableRandom(0));
    assertSame(p.img, p.inputs);
    assertEquals(77L, p.dataSample.ids().get(0));
    assertEquals(1L, p.dataSample.imgId());
    assertArrayEquals(new int[] {60, 80}, p.dataSample.oriShape());
    assertEquals(List.of("id", "img_id", "ori_shape", "input_size", "flip", "flip_indices"), List.copyOf(p.dataSample.metainfo().keySet()));
    assertArrayEquals(new double[] {46.875, 62.5}, p.dataSample.gtInstances().bboxScales()[0], 1e-9);
    assertSame(s.keypoints, p.dataSample.gtInstances().keypoints());
    assertThrows(IllegalArgumentException.class, () -> new PackPoseInputs(new String[] {"no_such_key"}));
  }
}
