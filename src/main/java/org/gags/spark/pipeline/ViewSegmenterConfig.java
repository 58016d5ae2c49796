package org.gags.spark.pipeline;

import org.gags.config.ResolvedConfig;
import org.gags.segment.SegmentFilterConfig;

/** The mask-filter settings of a run's configuration (METHOD 2.4). */
final class ViewSegmenterConfig {
  private ViewSegmenterConfig() {}

  static SegmentFilterConfig of(ResolvedConfig c) {
    return new SegmentFilterConfig(
        c.getDouble("segment.pred_iou_thresh"),
        c.getDouble("segment.stability_thresh"),
        c.getDouble("segment.stability_offset"),
        0.0,
        c.getDouble("segment.box_nms_thresh"),
        c.getInt("segment.min_region_area"),
        c.getDouble("segment.mask_nms_iou"),
        c.getDouble("segment.mask_nms_score"),
        c.getDouble("segment.mask_nms_inner"));
  }
}
