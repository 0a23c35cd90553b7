/**
 * Stand-ins for the tf-models classes of MMPose's top-down heatmap pipeline, registered in a scope
 * of their own ({@code posekit_test}, so they never clash with the real ones) with MMPose's names and parameter names, so that the runtime registry can be
 * tested on configs and indexes the processor really generates.
 */
@ModuleScope("posekit_test")
package io.posekit.runtime.testmodels;

import io.posekit.annotations.ModuleScope;
