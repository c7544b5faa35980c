# Simplified Chinese translations keyed by (context, source[, comment]), second batch.
K = [
    ('MainWindow', 'Complaints', '投诉'),
    ('MainWindow', 'Audit', '审计'),
    ('MainWindow', '&Complaints', '投诉(&C)'),
    ('MainWindow', 'Ctrl+9', 'Ctrl+9'),
    ('MainWindow', 'A&udit', '审计(&U)'),
    ('MainWindow', 'Ctrl+0', 'Ctrl+0'),
    ('pushdesk::SubscribersPage', 'Select a binding to change first.', '请先选择要修改的绑定。'),
    ('pushdesk::SubscribersPage', 'Nothing to change: the binding is already so.', '无需修改：绑定已经是这样。'),
    ('pushdesk::SubscribersPage', 'Cannot change the binding: %1', '无法修改绑定：%1'),
    ('pushdesk::SubscribersPage', 'The binding is now %1 with a %2 reminder.', '绑定现为“%1”，提醒级别为“%2”。'),
]
