package io.posekit.runtime.testmodels;

import io.posekit.annotations.DeclareRegistry;
import io.posekit.annotations.Registries;

/** One step of a data pipeline (MMPose's TRANSFORMS). */
@DeclareRegistry(Registries.TRANSFORMS)
public interface Transform {}
