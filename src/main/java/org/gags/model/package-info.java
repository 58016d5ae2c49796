/**
 * ONNX models run by DJL's ONNX Runtime engine at the edge of the pipeline: one loaded model per
 * executor JVM ({@link org.gags.model.OnnxModels}), one predictor per task, closed with the task;
 * the device ({@link org.gags.model.ModelDevice}) comes from config. Subpackages: {@code sam}
 * (SAM's preprocessing, decoder outputs, mask upsampling and one view's segmentation), {@code clip}
 * (image and text towers, segment crops), {@code fetch} (pinned npm packages for test models),
 * {@code onnx} (protobuf-level graph edits and a graph builder), {@code testclip} (the generated
 * test CLIP).
 */
package org.gags.model;
