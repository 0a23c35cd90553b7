default_scope = 'mmdet'
model = dict(type='TopdownPoseEstimator')
