/**
 * ONNX files without a protobuf library: the wire format ({@link org.gags.model.onnx.ProtoWire}),
 * edits of a model's graph inputs and outputs ({@link org.gags.model.onnx.OnnxGraphEdit}), and a
 * builder for small generated models ({@link org.gags.model.onnx.OnnxModelBuilder}).
 */
package org.gags.model.onnx;
