default_scope = 'mmseg'
model = dict(type='TopdownPoseEstimator')
