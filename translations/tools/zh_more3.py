# Simplified Chinese translations keyed by (context, source[, comment]), third batch.
K = [
    ('pushdesk::BarkBatchJob', 'no result for this key in the batch answer', '批量应答中没有此设备密钥的结果'),
]
