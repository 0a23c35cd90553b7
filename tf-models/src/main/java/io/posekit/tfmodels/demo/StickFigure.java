package io.posekit.tfmodels.demo;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Shape;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * An articulated person facing the camera, with human proportions: a torso, a head and two-segment
 * arms and legs at sampled joint angles, scaled, rotated and placed in the image. It knows its 17
 * COCO keypoints and the coloured shapes that draw it; the person's left side is on the image's
 * right, as for a person facing the camera.
 */
final class StickFigure {
  /** One filled shape of the figure with its colour, in drawing order. */
  record Part(Shape shape, Color color) {}

  private final double[][] keypoints = new double[17][];
  private final List<Part> parts = new ArrayList<>();

  /**
   * @param height the standing height in pixels
   * @param pelvisX where the pelvis is in the image
   */
  StickFigure(SplittableRandom rnd, double height, double pelvisX, double pelvisY) {
    double h = height;
    double rotation = Math.toRadians(clamp(gaussian(rnd) * 15, -40, 40));
    // torso "up" direction with a lean, then the body's lateral axis (towards the person's left)
    double[] up = rotate(new double[] {0, -1}, rotation + Math.toRadians(uniform(rnd, -12, 12)));
    double[] down = {-up[0], -up[1]};
    double[] left = {-up[1], up[0]};
    double[] pelvis = {pelvisX, pelvisY};
    double[] neck = add(pelvis, scale(up, 0.30 * h));
    double shoulderHalf = uniform(rnd, 0.10, 0.12) * h;
    double hipHalf = uniform(rnd, 0.07, 0.09) * h;
    double[] lShoulder = add(neck, scale(left, shoulderHalf));
    double[] rShoulder = add(neck, scale(left, -shoulderHalf));
    double[] lHip = add(pelvis, scale(left, hipHalf));
    double[] rHip = add(pelvis, scale(left, -hipHalf));

    // head: tilted and turned a little; eyes, ears and nose on the head disc
    double[] headUp = rotate(up, Math.toRadians(uniform(rnd, -15, 15)));
    double[] headLeft = {-headUp[1], headUp[0]};
    double headR = 0.065 * h;
    double[] head = add(neck, scale(headUp, 0.10 * h));
    double yaw = uniform(rnd, -0.5, 0.5); // turn of the face, shifts features sideways
    double[] nose = add(add(head, scale(headUp, -0.15 * headR)), scale(headLeft, yaw * 0.5 * headR));
    double[] lEye = add(add(head, scale(headUp, 0.25 * headR)), scale(headLeft, (0.38 + yaw * 0.4) * headR));
    double[] rEye = add(add(head, scale(headUp, 0.25 * headR)), scale(headLeft, (-0.38 + yaw * 0.4) * headR));
    double[] lEar = add(head, scale(headLeft, (0.92 - Math.max(0, -yaw) * 0.3) * headR));
    double[] rEar = add(head, scale(headLeft, -(0.92 - Math.max(0, yaw) * 0.3) * headR));

    // arms: abduction from hanging down, then an elbow bend either way
    double[][] lArm = limb(rnd, lShoulder, down, left, 1, 0.17 * h, 0.15 * h, -20, 150, 0, 140, true);
    double[][] rArm = limb(rnd, rShoulder, down, left, -1, 0.17 * h, 0.15 * h, -20, 150, 0, 140, true);
    // legs: smaller abduction, knee bending one way only
    double[][] lLeg = limb(rnd, lHip, down, left, 1, 0.24 * h, 0.24 * h, -15, 50, 0, 110, false);
    double[][] rLeg = limb(rnd, rHip, down, left, -1, 0.24 * h, 0.24 * h, -15, 50, 0, 110, false);

    double[][] k = {
      nose, lEye, rEye, lEar, rEar, lShoulder, rShoulder, lArm[0], rArm[0], lArm[1], rArm[1], lHip, rHip,
      lLeg[0], rLeg[0], lLeg[1], rLeg[1]
    };
    System.arraycopy(k, 0, keypoints, 0, 17);

    Color shirt = randomColor(rnd), trousers = randomColor(rnd), skin = skinColor(rnd);
    Color shirtLeft = shade(shirt, 0.85), trousersLeft = shade(trousers, 0.85);
    float arm = (float) (0.045 * h), leg = (float) (0.06 * h);
    // legs first so the torso covers the hip joints, the head last
    parts.add(new Part(segment(rHip, rLeg[0], leg), trousers));
    parts.add(new Part(segment(rLeg[0], rLeg[1], leg * 0.85f), trousers));
    parts.add(new Part(segment(lHip, lLeg[0], leg), trousersLeft));
    parts.add(new Part(segment(lLeg[0], lLeg[1], leg * 0.85f), trousersLeft));
    Path2D torso = new Path2D.Double();
    double[] ls = add(lShoulder, scale(left, 0.02 * h)), rs = add(rShoulder, scale(left, -0.02 * h));
    double[] lh = add(lHip, scale(left, 0.03 * h)), rh = add(rHip, scale(left, -0.03 * h));
    torso.moveTo(ls[0], ls[1]);
    torso.lineTo(rs[0], rs[1]);
    torso.lineTo(rh[0], rh[1]);
    torso.lineTo(lh[0], lh[1]);
    torso.closePath();
    parts.add(new Part(torso, shirt));
    parts.add(new Part(segment(neck, add(neck, scale(up, 0.05 * h)), arm), skin));
    parts.add(new Part(segment(rShoulder, rArm[0], arm), shirt));
    parts.add(new Part(segment(rArm[0], rArm[1], arm * 0.8f), skin));
    parts.add(new Part(segment(lShoulder, lArm[0], arm), shirtLeft));
    parts.add(new Part(segment(lArm[0], lArm[1], arm * 0.8f), skin));
    parts.add(new Part(new Ellipse2D.Double(head[0] - headR, head[1] - headR, 2 * headR, 2 * headR), skin));
    // small dark marks on the face make the eyes and nose findable, not just inferable
    Color mark = shade(skin, 0.45);
    double dot = Math.max(1.2, 0.12 * headR);
    for (double[] p : new double[][] {lEye, rEye, nose}) {
      parts.add(new Part(new Ellipse2D.Double(p[0] - dot, p[1] - dot, 2 * dot, 2 * dot), mark));
    }
  }

  private static double[][] limb(
      SplittableRandom rnd, double[] root, double[] down, double[] left, int side, double upper, double lower,
      double minAbduction, double maxAbduction, double minBend, double maxBend, boolean bendEitherWay) {
    double abduction = Math.toRadians(uniform(rnd, minAbduction, maxAbduction));
    double[] outward = scale(left, side);
    double[] dir = add(scale(down, Math.cos(abduction)), scale(outward, Math.sin(abduction)));
    double[] joint = add(root, scale(dir, upper));
    double bend = Math.toRadians(uniform(rnd, minBend, maxBend));
    double sign = bendEitherWay ? (rnd.nextBoolean() ? 1 : -1) : -side;
    double[] dir2 = rotate(dir, sign * bend);
    double[] end = add(joint, scale(dir2, lower));
    return new double[][] {joint, end};
  }

  /** The 17 keypoints in COCO order, as {@code [x, y]}. */
  double[][] keypoints() {
    return keypoints;
  }

  List<Part> parts() {
    return parts;
  }

  /** Everything the figure covers (its amodal silhouette). */
  Area silhouette() {
    Area area = new Area();
    for (Part p : parts) {
      area.add(new Area(p.shape()));
    }
    return area;
  }

  private static Shape segment(double[] a, double[] b, float width) {
    return new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND)
        .createStrokedShape(new Line2D.Double(a[0], a[1], b[0], b[1]));
  }

  static Color randomColor(SplittableRandom rnd) {
    return Color.getHSBColor((float) rnd.nextDouble(), (float) uniform(rnd, 0.3, 1.0), (float) uniform(rnd, 0.25, 0.95));
  }

  private static Color skinColor(SplittableRandom rnd) {
    return Color.getHSBColor((float) uniform(rnd, 0.03, 0.10), (float) uniform(rnd, 0.25, 0.6), (float) uniform(rnd, 0.35, 0.95));
  }

  static Color shade(Color c, double f) {
    return new Color((int) (c.getRed() * f), (int) (c.getGreen() * f), (int) (c.getBlue() * f));
  }

  static double uniform(SplittableRandom rnd, double lo, double hi) {
    return lo + (hi - lo) * rnd.nextDouble();
  }

  /** A standard normal value by Box-Muller, so the sequence depends only on the seed. */
  static double gaussian(SplittableRandom rnd) {
    double u1 = 1.0 - rnd.nextDouble();
    double u2 = rnd.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  private static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  private static double[] add(double[] a, double[] b) {
    return new double[] {a[0] + b[0], a[1] + b[1]};
  }

  private static double[] scale(double[] a, double s) {
    return new double[] {a[0] * s, a[1] * s};
  }

  private static double[] rotate(double[] v, double angle) {
    double c = Math.cos(angle), s = Math.sin(angle);
    return new double[] {v[0] * c - v[1] * s, v[0] * s + v[1] * c};
  }
}
