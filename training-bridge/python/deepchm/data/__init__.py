"""Training data: LabelMe datasets (patient split), augmentation, chromosome width."""
