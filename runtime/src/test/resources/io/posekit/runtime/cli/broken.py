model = dict(
    type='TopdownPoseEstimator'
    head=dict())
