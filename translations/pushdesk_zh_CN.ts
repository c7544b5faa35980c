<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AppsPage</name>
    <message>
        <source>&amp;New app</source>
        <translation>新建应用(&amp;N)</translation>
    </message>
    <message>
        <source>Clear the form to add an app</source>
        <translation>清空表单以添加应用</translation>
    </message>
    <message>
        <source>App</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;AppID:</source>
        <translation>&amp;AppID：</translation>
    </message>
    <message>
        <source>wx…</source>
        <translation>wx…</translation>
    </message>
    <message>
        <source>&amp;Upstream:</source>
        <translation>上游(&amp;U)：</translation>
    </message>
    <message>
        <source>sandbox, or a base URL such as https://api.weixin.qq.com</source>
        <translation>sandbox，或基础 URL，例如 https://api.weixin.qq.com</translation>
    </message>
    <message>
        <source>“sandbox” sends to the built-in emulator; a URL sends to that server</source>
        <translation>“sandbox”发往内置模拟器；填写 URL 则发往该服务器</translation>
    </message>
    <message>
        <source>&amp;Bark server:</source>
        <translation>&amp;Bark 服务器：</translation>
    </message>
    <message>
        <source>empty: the same as the upstream</source>
        <translation>留空：与上游相同</translation>
    </message>
    <message>
        <source>Daily &amp;quota:</source>
        <translation>每日配额(&amp;Q)：</translation>
    </message>
    <message>
        <source> messages</source>
        <translation> 条消息</translation>
    </message>
    <message>
        <source>&amp;Contact:</source>
        <translation>联系人(&amp;C)：</translation>
    </message>
    <message>
        <source>App&amp;Secret:</source>
        <translation>App&amp;Secret：</translation>
    </message>
    <message>
        <source>stored in the keychain — type to replace</source>
        <translation>已保存在钥匙串中——输入新值即可替换</translation>
    </message>
    <message>
        <source>Written to the system keychain when you save; never shown again</source>
        <translation>保存时写入系统钥匙串，之后不再显示</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Disabled (sends nothing until enabled again)</source>
        <translation>已停用(&amp;D)（重新启用前不发送任何消息）</translation>
    </message>
    <message>
        <source>SMTP ser&amp;ver:</source>
        <translation>SMTP 服务器(&amp;V)：</translation>
    </message>
    <message>
        <source>smtp://host:587 (STARTTLS) or smtps://host:465</source>
        <translation>smtp://host:587（STARTTLS）或 smtps://host:465</translation>
    </message>
    <message>
        <source>SMTP &amp;user:</source>
        <translation>SMTP 用户(&amp;U)：</translation>
    </message>
    <message>
        <source>empty: no login</source>
        <translation>留空：不登录</translation>
    </message>
    <message>
        <source>SMTP pass&amp;word:</source>
        <translation>SMTP 密码(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;From address:</source>
        <translation>发件人地址(&amp;F)：</translation>
    </message>
    <message>
        <source>noreply@example.com</source>
        <translation>noreply@example.com</translation>
    </message>
    <message>
        <source>&amp;ntfy server:</source>
        <translation>&amp;ntfy 服务器：</translation>
    </message>
    <message>
        <source>Callback &amp;Token:</source>
        <translation>回调 &amp;Token：</translation>
    </message>
    <message>
        <source>the Token of the official account&apos;s server settings — type to replace</source>
        <translation>公众号服务器配置中的 Token — 输入即替换</translation>
    </message>
    <message>
        <source>WeChat signs the messages and events it posts to Pushdesk with this Token; without one they are not verified. Written to the system keychain when you save; never shown again</source>
        <translation>微信用此 Token 为推送给 Pushdesk 的消息和事件签名；未设置时不做校验。保存时写入系统钥匙串，之后不再显示</translation>
    </message>
    <message>
        <source>Its &amp;broadcasts</source>
        <translation>其群发(&amp;B)</translation>
    </message>
    <message>
        <source>Show the app&apos;s broadcasts on the Broadcasts page</source>
        <translation>在“群发”页显示该应用的群发</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>测试连接(&amp;T)</translation>
    </message>
    <message>
        <source>Ask the saved upstream for an access token with the saved AppSecret, as a broadcast does first</source>
        <translation>用已保存的 AppSecret 向已保存的上游申请 access token，与群发的第一步相同</translation>
    </message>
    <message>
        <source>Push servers and e-mail</source>
        <translation>推送服务器与邮件</translation>
    </message>
    <message>
        <source>Bark use&amp;r:</source>
        <translation>Bark 用户名(&amp;R)：</translation>
    </message>
    <message>
        <source>empty: the Bark server asks for no login</source>
        <translation>留空：Bark 服务器无需登录</translation>
    </message>
    <message>
        <source>The Basic auth user of a bark-server started with --user; sent only to the app’s own Bark server, over https or to this machine</source>
        <translation>以 --user 启动的 bark-server 的 Basic 认证用户名；只发送给本应用自己的 Bark 服务器，且只经 https 或发往本机</translation>
    </message>
    <message>
        <source>Bark &amp;password:</source>
        <translation>Bark 密码(&amp;P)：</translation>
    </message>
    <message>
        <source>ntfy access t&amp;oken:</source>
        <translation>ntfy 访问令牌(&amp;O)：</translation>
    </message>
    <message>
        <source>An access token (tk_…) for protected topics; written to the system keychain when you save, sent only to the app’s ntfy server over https or to this machine</source>
        <translation>受保护主题的访问令牌（tk_…）；保存时写入系统钥匙串，只经 https 或发往本机的方式发送给本应用的 ntfy 服务器</translation>
    </message>
    <message>
        <source>Webhook s&amp;ecret:</source>
        <translation>Webhook 密钥(&amp;E)：</translation>
    </message>
    <message>
        <source>Signs each webhook POST (X-Pushdesk-Signature: sha256=HMAC of the body); written to the system keychain when you save</source>
        <translation>为每个 webhook POST 签名（X-Pushdesk-Signature: sha256=请求体的 HMAC）；保存时写入系统钥匙串</translation>
    </message>
</context>
<context>
    <name>AuditLog</name>
    <message>
        <source>An audit event needs the name of the operator who acted.</source>
        <translation>审计事件需要执行操作的操作员姓名。</translation>
    </message>
    <message>
        <source>An audit event needs an action.</source>
        <translation>审计事件需要一个操作。</translation>
    </message>
    <message>
        <source>Cannot write the audit log: %1</source>
        <translation>无法写入审计日志：%1</translation>
    </message>
</context>
<context>
    <name>Blocklist</name>
    <message>
        <source>The pattern is empty; write the word or regular expression to block.</source>
        <translation>规则为空；请填写要屏蔽的词语或正则表达式。</translation>
    </message>
    <message>
        <source>The pattern is %1 characters long; keep it under 1000.</source>
        <translation>规则长 %1 个字符；请控制在 1000 个字符以内。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid regular expression: %2 at character %3. Fix it, or add it as a plain word.</source>
        <translation>“%1”不是有效的正则表达式：%2（位于第 %3 个字符）。请修正，或将其作为普通词语添加。</translation>
    </message>
    <message>
        <source>The regular expression &quot;%1&quot; matches an empty text, so it would block every message.</source>
        <translation>正则表达式“%1”可以匹配空文本，会屏蔽所有消息。</translation>
    </message>
</context>
<context>
    <name>BlocklistRepository</name>
    <message>
        <source>Keep the category short (at most 40 characters).</source>
        <translation>分类请保持简短（最多 40 个字符）。</translation>
    </message>
    <message>
        <source>Say who adds the blocklist rule.</source>
        <translation>请注明由谁添加这条屏蔽规则。</translation>
    </message>
    <message>
        <source>Say who removes the blocklist rule.</source>
        <translation>请注明由谁删除这条屏蔽规则。</translation>
    </message>
    <message>
        <source>There is no blocklist rule %1; reload the list.</source>
        <translation>屏蔽规则 %1 不存在；请重新加载列表。</translation>
    </message>
</context>
<context>
    <name>BroadcastProgressPanel</name>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <source>Stop sending for now; Resume goes on where it stopped</source>
        <translation>暂时停止发送；点“继续”会从停下的地方接着发送</translation>
    </message>
    <message>
        <source>&amp;Cancel broadcast</source>
        <translation>取消群发(&amp;C)</translation>
    </message>
    <message>
        <source>Stop sending; requests already on their way finish first</source>
        <translation>停止发送；已发出的请求会先完成</translation>
    </message>
    <message>
        <source>&amp;Retry failed</source>
        <translation>重试失败项(&amp;R)</translation>
    </message>
    <message>
        <source>Send the failed deliveries again (uncertain ones are never re-sent automatically)</source>
        <translation>重新发送失败的投递（不确定的投递绝不会自动重发）</translation>
    </message>
    <message>
        <source>Open in send &amp;log</source>
        <translation>在发送日志中打开(&amp;L)</translation>
    </message>
    <message>
        <source>Show every delivery of this broadcast in the Send log</source>
        <translation>在发送日志中显示此群发的所有投递</translation>
    </message>
    <message>
        <source>Failures:</source>
        <translation>失败：</translation>
    </message>
</context>
<context>
    <name>BroadcastRepository</name>
    <message>
        <source>in flight when the sender stopped; not re-sent automatically</source>
        <translation>发送程序停止时正在发送；不会自动重发</translation>
    </message>
</context>
<context>
    <name>BroadcastsPage</name>
    <message>
        <source>S&amp;tatus:</source>
        <translation>状态(&amp;T)：</translation>
    </message>
    <message>
        <source>App name (beginning)</source>
        <translation>应用名称（开头）</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>Read the list again</source>
        <translation>重新读取列表</translation>
    </message>
    <message>
        <source>&amp;New broadcast…</source>
        <translation>新建群发(&amp;N)…</translation>
    </message>
    <message>
        <source>Open the composer</source>
        <translation>打开撰写页</translation>
    </message>
    <message>
        <source>Broadcast</source>
        <translation>群发</translation>
    </message>
    <message>
        <source>Broadcast:</source>
        <translation>群发：</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <source>Content check:</source>
        <translation>内容安全检测：</translation>
    </message>
    <message>
        <source>Check label:</source>
        <translation>检测标签：</translation>
    </message>
    <message>
        <source>Matched rule:</source>
        <translation>命中规则：</translation>
    </message>
    <message>
        <source>Counts:</source>
        <translation>计数：</translation>
    </message>
    <message>
        <source>Created by:</source>
        <translation>创建人：</translation>
    </message>
    <message>
        <source>Created:</source>
        <translation>创建时间：</translation>
    </message>
    <message>
        <source>Due:</source>
        <translation>计划时间：</translation>
    </message>
    <message>
        <source>Started:</source>
        <translation>开始时间：</translation>
    </message>
    <message>
        <source>Finished:</source>
        <translation>完成时间：</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <source>Stop sending for now; Resume goes on where it stopped</source>
        <translation>暂时停止发送；点“继续”会从停下的地方接着发送</translation>
    </message>
    <message>
        <source>Res&amp;ume</source>
        <translation>继续(&amp;U)</translation>
    </message>
    <message>
        <source>Go on sending where it stopped</source>
        <translation>从停下的地方继续发送</translation>
    </message>
    <message>
        <source>&amp;Cancel broadcast</source>
        <translation>取消群发(&amp;C)</translation>
    </message>
    <message>
        <source>Stop sending; requests already on their way finish first</source>
        <translation>停止发送；已发出的请求会先完成</translation>
    </message>
    <message>
        <source>Retry &amp;failed</source>
        <translation>重试失败项(&amp;F)</translation>
    </message>
    <message>
        <source>Send the failed deliveries again</source>
        <translation>重新发送失败的投递</translation>
    </message>
    <message>
        <source>Re-send &amp;uncertain…</source>
        <translation>重发不确定项(&amp;U)…</translation>
    </message>
    <message>
        <source>Send the uncertain deliveries again: their recipients may get the message twice</source>
        <translation>重新发送不确定的投递：收件人可能会收到两次消息</translation>
    </message>
    <message>
        <source>Show live &amp;progress</source>
        <translation>显示实时进度(&amp;P)</translation>
    </message>
    <message>
        <source>Follow this broadcast in the composer’s progress panel</source>
        <translation>在撰写页的进度面板中跟踪此群发</translation>
    </message>
    <message>
        <source>Open in send &amp;log</source>
        <translation>在发送日志中打开(&amp;L)</translation>
    </message>
    <message>
        <source>Show every delivery of this broadcast in the Send log</source>
        <translation>在发送日志中显示此群发的所有投递</translation>
    </message>
    <message>
        <source>Uncertain deliveries (for review):</source>
        <translation>不确定的投递（待核查）：</translation>
    </message>
    <message>
        <source>Audience:</source>
        <translation>受众：</translation>
    </message>
    <message>
        <source>A&amp;pp:</source>
        <translation>应用(&amp;P)：</translation>
    </message>
</context>
<context>
    <name>CallbackHost</name>
    <message>
        <source>Cannot receive user messages: port %1 is already in use; choose another with --callback-port.</source>
        <translation>无法接收用户消息：端口 %1 已被占用；请用 --callback-port 另选一个端口。</translation>
    </message>
    <message>
        <source>Cannot receive user messages on %1 port %2: %3</source>
        <translation>无法在 %1 的端口 %2 上接收用户消息：%3</translation>
    </message>
</context>
<context>
    <name>ChannelPreview</name>
    <message>
        <source>This template has nothing for this channel.</source>
        <translation>此模板没有该渠道的内容。</translation>
    </message>
    <message>
        <source>%1

— %2 of %3 bytes</source>
        <comment>text, then its size</comment>
        <translation>%1

— %2 / %3 字节</translation>
    </message>
    <message>
        <source>Customer-service message</source>
        <translation>客服消息</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>template field key: value</comment>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1 (%2): %3</source>
        <comment>field key (rule): value</comment>
        <translation>%1（%2）：%3</translation>
    </message>
    <message>
        <source>  ⚠ %1</source>
        <translation>  ⚠ %1</translation>
    </message>
    <message>
        <source>WeChat template message %1</source>
        <translation>微信模板消息 %1</translation>
    </message>
    <message>
        <source>Opens: %1</source>
        <translation>打开：%1</translation>
    </message>
    <message>
        <source>Subscribe message %1</source>
        <translation>订阅消息 %1</translation>
    </message>
    <message>
        <source>Template message %1 (spends a form_id or prepay_id)</source>
        <translation>模板消息 %1（消耗一个 form_id 或 prepay_id）</translation>
    </message>
    <message>
        <source>Opens page: %1</source>
        <translation>打开页面：%1</translation>
    </message>
    <message>
        <source>Title: %1
%2

— Bark states no length limit.</source>
        <translation>标题：%1
%2

— Bark 未规定长度限制。</translation>
    </message>
    <message>
        <source>Bark</source>
        <translation>Bark</translation>
    </message>
    <message>
        <source>Subject: %1

%2</source>
        <translation>主题：%1

%2</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>邮件</translation>
    </message>
    <message>
        <source>Subject: %1</source>
        <translation>主题：%1</translation>
    </message>
    <message>
        <source>Title: %1
%2

— %3 of %4 bytes</source>
        <translation>标题：%1
%2

— %3 / %4 字节</translation>
    </message>
    <message>
        <source>ntfy</source>
        <translation>ntfy</translation>
    </message>
    <message>
        <source>This template has no content for any channel yet — edit it on the Templates page.</source>
        <translation>此模板还没有任何渠道的内容——请在“模板”页编辑。</translation>
    </message>
</context>
<context>
    <name>Complaints</name>
    <message>
        <source>Advertising</source>
        <translation>广告</translation>
    </message>
    <message>
        <source>Harassment</source>
        <translation>骚扰</translation>
    </message>
    <message>
        <source>Fraud</source>
        <translation>欺诈</translation>
    </message>
    <message>
        <source>Illegal content</source>
        <translation>违法内容</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>A complaint must name the message it is about: give its delivery or its broadcast.</source>
        <translation>投诉必须指明所针对的消息：请给出其投递或群发。</translation>
    </message>
    <message>
        <source>There is no delivery %1; check the send log for the message the complaint is about.</source>
        <translation>投递 %1 不存在；请在发送日志中查找被投诉的消息。</translation>
    </message>
    <message>
        <source>Delivery %1 belongs to broadcast %2, not %3.</source>
        <translation>投递 %1 属于群发 %2，而不是 %3。</translation>
    </message>
    <message>
        <source>Delivery %1 was sent by another app (id %2).</source>
        <translation>投递 %1 由另一个应用（ID %2）发送。</translation>
    </message>
    <message>
        <source>There is no broadcast %1.</source>
        <translation>群发 %1 不存在。</translation>
    </message>
    <message>
        <source>Broadcast %1 was sent by another app (id %2).</source>
        <translation>群发 %1 由另一个应用（ID %2）发送。</translation>
    </message>
    <message>
        <source>There is no subscriber %1.</source>
        <translation>订阅者 %1 不存在。</translation>
    </message>
</context>
<context>
    <name>ComposerPage</name>
    <message>
        <source>Compose</source>
        <translation>撰写</translation>
    </message>
    <message>
        <source>&amp;App:</source>
        <translation>应用(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Template:</source>
        <translation>模板(&amp;T)：</translation>
    </message>
    <message>
        <source>Audience:</source>
        <translation>受众：</translation>
    </message>
    <message>
        <source>All &amp;bound subscribers</source>
        <translation>所有已绑定的订阅者(&amp;B)</translation>
    </message>
    <message>
        <source>Everyone who bound this app and is active or muted, with a strong or weak reminder</source>
        <translation>所有绑定了此应用、状态为正常或免打扰、且选择强提醒或弱提醒的人</translation>
    </message>
    <message>
        <source>With ta&amp;gs</source>
        <translation>按标签(&amp;G)</translation>
    </message>
    <message>
        <source>tag1, tag2</source>
        <translation>标签1, 标签2</translation>
    </message>
    <message>
        <source>An imported &amp;list</source>
        <translation>导入的名单(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;One subscriber</source>
        <translation>单个订阅者(&amp;O)</translation>
    </message>
    <message>
        <source>Who gets what:</source>
        <translation>谁会收到什么：</translation>
    </message>
    <message>
        <source>&amp;Values for this broadcast:</source>
        <translation>本次群发的取值(&amp;V)：</translation>
    </message>
    <message>
        <source>Values every recipient gets the same; double-click a value to edit it</source>
        <translation>所有收件人相同的取值；双击取值即可编辑</translation>
    </message>
    <message>
        <source>Placeholder</source>
        <translation>占位符</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>取值</translation>
    </message>
    <message>
        <source>Preview:</source>
        <translation>预览：</translation>
    </message>
    <message>
        <source>All channels</source>
        <translation>所有渠道</translation>
    </message>
    <message>
        <source>WeChat text</source>
        <translation>微信文本</translation>
    </message>
    <message>
        <source>WeChat template</source>
        <translation>微信模板</translation>
    </message>
    <message>
        <source>Mini-program</source>
        <translation>小程序</translation>
    </message>
    <message>
        <source>Bark</source>
        <translation>Bark</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>邮件</translation>
    </message>
    <message>
        <source>ntfy</source>
        <translation>ntfy</translation>
    </message>
    <message>
        <source>C&amp;ount recipients</source>
        <translation>统计收件人(&amp;O)</translation>
    </message>
    <message>
        <source>Walk the audience and count who gets a push, who only an inbox message, who is skipped and why</source>
        <translation>遍历受众，统计谁会收到推送、谁只收到收件箱消息、谁被跳过及原因</translation>
    </message>
    <message>
        <source>&amp;Dry run</source>
        <translation>试运行(&amp;D)</translation>
    </message>
    <message>
        <source>Count who would get what and check the fields against each channel’s limits; nothing is sent or stored</source>
        <translation>统计每人会收到什么，并按各渠道的限制检查字段；不发送也不保存任何内容</translation>
    </message>
    <message>
        <source>When “Send later” starts the broadcast</source>
        <translation>“稍后发送”开始群发的时间</translation>
    </message>
    <message>
        <source>Send &amp;later</source>
        <translation>稍后发送(&amp;L)</translation>
    </message>
    <message>
        <source>Create the broadcast now and start it at the chosen time</source>
        <translation>现在创建群发，并在选定的时间开始</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>发送(&amp;S)</translation>
    </message>
    <message>
        <source>Create the broadcast and start sending now</source>
        <translation>创建群发并立即开始发送</translation>
    </message>
    <message>
        <source>Subscribers with any of these tags, separated by commas</source>
        <translation>带有其中任一标签的订阅者，以逗号分隔</translation>
    </message>
    <message>
        <source>The imported list to send to</source>
        <translation>要发送到的已导入名单</translation>
    </message>
    <message>
        <source>I&amp;mport list…</source>
        <translation>导入名单(&amp;M)…</translation>
    </message>
    <message>
        <source>Make a new list from a CSV file of openids or e-mail addresses</source>
        <translation>从包含 openid 或邮箱地址的 CSV 文件新建名单</translation>
    </message>
    <message>
        <source>openid or nickname</source>
        <translation>openid 或昵称</translation>
    </message>
    <message>
        <source>Type the start of an openid or nickname and pick the subscriber</source>
        <translation>输入 openid 或昵称的开头，然后选择订阅者</translation>
    </message>
</context>
<context>
    <name>ContentVerdict</name>
    <message>
        <source>normal</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>advertising</source>
        <translation>广告</translation>
    </message>
    <message>
        <source>politics</source>
        <translation>涉政</translation>
    </message>
    <message>
        <source>pornography</source>
        <translation>色情</translation>
    </message>
    <message>
        <source>abuse</source>
        <translation>辱骂</translation>
    </message>
    <message>
        <source>illegal</source>
        <translation>违法</translation>
    </message>
    <message>
        <source>fraud</source>
        <translation>欺诈</translation>
    </message>
    <message>
        <source>vulgar</source>
        <translation>低俗</translation>
    </message>
    <message>
        <source>copyright</source>
        <translation>侵权</translation>
    </message>
    <message>
        <source>other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>msg_sec_check answered HTTP %1; the content was not checked.</source>
        <translation>msg_sec_check 返回 HTTP %1；内容未经检测。</translation>
    </message>
    <message>
        <source>msg_sec_check answered something that is not JSON; the content was not checked.</source>
        <translation>msg_sec_check 返回的不是 JSON；内容未经检测。</translation>
    </message>
    <message>
        <source>msg_sec_check found risky content (87014).</source>
        <translation>msg_sec_check 发现风险内容（87014）。</translation>
    </message>
    <message>
        <source>msg_sec_check refused the check: errcode %1 (%2).</source>
        <translation>msg_sec_check 拒绝检测：errcode %1（%2）。</translation>
    </message>
    <message>
        <source>msg_sec_check passed the content.</source>
        <translation>msg_sec_check 检测通过。</translation>
    </message>
    <message>
        <source>msg_sec_check asks for a review (%1); an operator must approve the broadcast.</source>
        <translation>msg_sec_check 建议人工审核（%1）；群发须经操作员批准。</translation>
    </message>
    <message>
        <source>msg_sec_check found risky content (%1).</source>
        <translation>msg_sec_check 发现风险内容（%1）。</translation>
    </message>
    <message>
        <source>msg_sec_check gave no verdict (suggest &quot;%1&quot;); the content was not checked.</source>
        <translation>msg_sec_check 未给出结论（suggest 为“%1”）；内容未经检测。</translation>
    </message>
    <message>
        <source>The local blocklist matched &quot;%1&quot; (rule &quot;%2&quot;, %3).</source>
        <translation>本地屏蔽词库命中“%1”（规则“%2”，%3）。</translation>
    </message>
    <message>
        <source>There is no text to check.</source>
        <translation>没有可检测的文本。</translation>
    </message>
    <message>
        <source>The app has no WeChat upstream to run msg_sec_check against; set its upstream or approve by hand.</source>
        <translation>该应用没有可调用 msg_sec_check 的微信上游；请设置其上游，或人工批准。</translation>
    </message>
    <message>
        <source>msg_sec_check v2 needs the openid of a user who used the app in the last 2 hours, and none is known.</source>
        <translation>msg_sec_check v2 需要一位在最近 2 小时内使用过该应用的用户的 openid，但目前没有。</translation>
    </message>
    <message>
        <source>msg_sec_check could not be reached: %1</source>
        <translation>无法连接 msg_sec_check：%1</translation>
    </message>
    <message>
        <source>Nothing was checked.</source>
        <translation>未做任何检测。</translation>
    </message>
    <message numerus="yes">
        <source>msg_sec_check passed the content (%n parts).</source>
        <translation>
            <numerusform>msg_sec_check 检测通过（共 %n 段）。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CsvReader</name>
    <message>
        <source>The file is not UTF-8 text. Save it as &quot;CSV UTF-8&quot; and try again.</source>
        <translation>该文件不是 UTF-8 文本。请另存为“CSV UTF-8”后重试。</translation>
    </message>
    <message>
        <source>Text after a closing quote. Put the whole field in quotes and write a quote inside it twice (&quot;&quot;).</source>
        <translation>右引号后还有文本。请用引号把整个字段括起来，字段内的引号写两次（&quot;&quot;）。</translation>
    </message>
    <message>
        <source>A quoted field starts here and never ends. Add the closing quote.</source>
        <translation>此处开始的带引号字段没有结束。请补上右引号。</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>Read the figures again</source>
        <translation>重新读取数据</translation>
    </message>
    <message>
        <source>Sends</source>
        <translation>发送量</translation>
    </message>
    <message>
        <source>Today:</source>
        <translation>今天：</translation>
    </message>
    <message>
        <source>This week:</source>
        <translation>本周：</translation>
    </message>
    <message>
        <source>Failure rate this week:</source>
        <translation>本周失败率：</translation>
    </message>
    <message>
        <source>Open complaints:</source>
        <translation>待处理投诉：</translation>
    </message>
    <message>
        <source>Apps close to a penalty threshold</source>
        <translation>接近处罚阈值的应用</translation>
    </message>
    <message>
        <source>App</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Credit score</source>
        <translation>信用分</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Running and scheduled broadcasts</source>
        <translation>进行中和已定时的群发</translation>
    </message>
    <message>
        <source>Broadcast</source>
        <translation>群发</translation>
    </message>
    <message>
        <source>Progress or due</source>
        <translation>进度或计划时间</translation>
    </message>
    <message>
        <source>Deliveries of the last 14 days by state, and failures by errcode — click a bar to see its deliveries.</source>
        <translation>最近 14 天按状态统计的投递，以及按 errcode 统计的失败——点击柱形可查看对应投递。</translation>
    </message>
    <message>
        <source>Click a bar to open those deliveries in the Send log</source>
        <translation>点击柱形，在发送日志中打开这些投递</translation>
    </message>
    <message>
        <source>Click a bar to open those failures in the Send log</source>
        <translation>点击柱形，在发送日志中打开这些失败</translation>
    </message>
</context>
<context>
    <name>DeliveryLog</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>DisplayText</name>
    <message>
        <source>Official account</source>
        <translation>公众号</translation>
    </message>
    <message>
        <source>Mini-program</source>
        <translation>小程序</translation>
    </message>
    <message>
        <source>Internal</source>
        <translation>内部系统</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>已暂停发送</translation>
    </message>
    <message>
        <source>Banned</source>
        <translation>已封禁</translation>
    </message>
    <message>
        <source>Muted (do not disturb)</source>
        <translation>免打扰</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>已屏蔽</translation>
    </message>
    <message>
        <source>Unbound</source>
        <translation>已解绑</translation>
    </message>
    <message>
        <source>Strong (push)</source>
        <translation>强提醒（推送）</translation>
    </message>
    <message>
        <source>Weak (inbox only)</source>
        <translation>弱提醒（仅收件箱）</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>已定时</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>待发送</translation>
    </message>
    <message>
        <source>In flight</source>
        <translation>请求中</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>Inbox</source>
        <translation>收件箱</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <source>Uncertain</source>
        <translation>不确定</translation>
    </message>
    <message>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <source>Bark</source>
        <translation>Bark</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>邮件</translation>
    </message>
    <message>
        <source>ntfy</source>
        <translation>ntfy</translation>
    </message>
    <message>
        <source>Webhook</source>
        <translation>Webhook</translation>
    </message>
    <message>
        <source>Customer-service message</source>
        <translation>客服消息</translation>
    </message>
    <message>
        <source>Template message</source>
        <translation>模板消息</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>%1:%2:%3</source>
        <comment>hours:minutes:seconds</comment>
        <translation>%1:%2:%3</translation>
    </message>
    <message>
        <source>%1:%2</source>
        <comment>minutes:seconds</comment>
        <translation>%1:%2</translation>
    </message>
</context>
<context>
    <name>Eligibility</name>
    <message>
        <source>the app is disabled</source>
        <translation>应用已停用</translation>
    </message>
    <message>
        <source>the app is banned</source>
        <translation>应用已被封禁</translation>
    </message>
    <message>
        <source>the app is suspended</source>
        <translation>应用已被暂停发送</translation>
    </message>
    <message>
        <source>never bound this app</source>
        <translation>从未绑定此应用</translation>
    </message>
    <message>
        <source>unbound the app</source>
        <translation>已解绑此应用</translation>
    </message>
    <message>
        <source>blocked the app</source>
        <translation>已屏蔽此应用</translation>
    </message>
    <message>
        <source>opted out of all messages</source>
        <translation>已退订所有消息</translation>
    </message>
    <message>
        <source>chose no reminders</source>
        <translation>选择了不接收提醒</translation>
    </message>
    <message>
        <source>inbox only (no alert)</source>
        <translation>仅收件箱（不提醒）</translation>
    </message>
    <message>
        <source>no official-account openid</source>
        <translation>没有公众号 openid</translation>
    </message>
    <message>
        <source>no mini-program openid</source>
        <translation>没有小程序 openid</translation>
    </message>
    <message>
        <source>no Bark device key</source>
        <translation>没有 Bark 设备密钥</translation>
    </message>
    <message>
        <source>no e-mail address</source>
        <translation>没有邮箱地址</translation>
    </message>
    <message>
        <source>no ntfy topic</source>
        <translation>没有 ntfy 主题</translation>
    </message>
    <message>
        <source>no webhook URL</source>
        <translation>没有 Webhook URL</translation>
    </message>
    <message>
        <source>WeChat called this openid invalid (40003); correct it to send again</source>
        <translation>微信判定此 openid 无效（40003）；更正后才会再次发送</translation>
    </message>
</context>
<context>
    <name>EventRepository</name>
    <message>
        <source>A reminder event needs the value strong, weak or none, not &quot;%1&quot;.</source>
        <translation>提醒事件的取值必须是 strong、weak 或 none，而不是“%1”。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a list of channels; use names from wechat;miniprogram;bark;email;ntfy;webhook separated by semicolons.</source>
        <translation>“%1”不是渠道列表；请使用 wechat;miniprogram;bark;email;ntfy;webhook 中的名称，以分号分隔。</translation>
    </message>
    <message>
        <source>A %1 event takes no value; leave it empty.</source>
        <translation>%1 事件不带取值；请留空。</translation>
    </message>
    <message>
        <source>The subscriber has not bound this app, so a %1 event cannot apply; a bind must come first.</source>
        <translation>该订阅者尚未绑定此应用，因此 %1 事件无法生效；必须先有绑定事件。</translation>
    </message>
    <message>
        <source>A %1 event needs an active binding, but this one is %2.</source>
        <translation>%1 事件需要一个正常（active）的绑定，但此绑定为 %2。</translation>
    </message>
    <message>
        <source>A %1 event needs a muted binding, but this one is %2.</source>
        <translation>%1 事件需要一个免打扰（muted）的绑定，但此绑定为 %2。</translation>
    </message>
    <message>
        <source>A %1 event needs a bound app, but this binding is %2.</source>
        <translation>%1 事件需要已绑定的应用，但此绑定为 %2。</translation>
    </message>
    <message>
        <source>An event needs the subscriber it is about.</source>
        <translation>事件需要指明所涉及的订阅者。</translation>
    </message>
    <message>
        <source>A %1 event needs the app it is about.</source>
        <translation>%1 事件需要指明所涉及的应用。</translation>
    </message>
    <message>
        <source>Say which operator records the event.</source>
        <translation>请注明由哪位操作员记录此事件。</translation>
    </message>
    <message>
        <source>There is no subscriber %1.</source>
        <translation>订阅者 %1 不存在。</translation>
    </message>
    <message>
        <source>There is no app %1.</source>
        <translation>应用 %1 不存在。</translation>
    </message>
</context>
<context>
    <name>FieldLimits</name>
    <message>
        <source>at most 10 Chinese characters or 20 letters</source>
        <translation>最多 10 个汉字或 20 个字母</translation>
    </message>
    <message numerus="yes">
        <source>digits only, at most %n character(s)</source>
        <translation>
            <numerusform>仅限数字，最多 %n 个字符</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>letters only, at most %n character(s)</source>
        <translation>
            <numerusform>仅限字母，最多 %n 个字符</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>digits, + and -, at most %n character(s)</source>
        <translation>
            <numerusform>数字、+ 和 -，最多 %n 个字符</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>at most %n character(s)</source>
        <translation>
            <numerusform>最多 %n 个字符</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 has %2 characters; a name field takes at most 10 Chinese characters or 20 letters.</source>
        <translation>%1 有 %2 个字符；名称字段最多 10 个汉字或 20 个字母。</translation>
    </message>
    <message>
        <source>%1 has %2 characters; this field takes %3.</source>
        <translation>%1 有 %2 个字符；此字段要求：%3。</translation>
    </message>
    <message>
        <source>%1 takes digits only.</source>
        <translation>%1 只能填写数字。</translation>
    </message>
    <message>
        <source>%1 takes letters only.</source>
        <translation>%1 只能填写字母。</translation>
    </message>
    <message>
        <source>%1 takes a phone number: digits, + and -.</source>
        <translation>%1 需要填写电话号码：数字、+ 和 -。</translation>
    </message>
    <message>
        <source>The customer-service text is %1 bytes; WeChat takes at most %2.</source>
        <translation>客服消息文本为 %1 字节；微信最多接受 %2 字节。</translation>
    </message>
    <message>
        <source>The ntfy message is %1 bytes; ntfy takes at most %2.</source>
        <translation>ntfy 消息为 %1 字节；ntfy 最多接受 %2 字节。</translation>
    </message>
</context>
<context>
    <name>Importer</name>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1: column %2: %3</source>
        <translation>%1：第 %2 列：%3</translation>
    </message>
    <message>
        <source>There is no app named &quot;%1&quot;.</source>
        <translation>没有名为“%1”的应用。</translation>
    </message>
    <message>
        <source>Use one of: %1.</source>
        <translation>请使用以下之一：%1。</translation>
    </message>
    <message>
        <source>The app is missing.</source>
        <translation>缺少应用。</translation>
    </message>
    <message>
        <source>Write the app&apos;s name, or give --app NAME for rows without one.</source>
        <translation>请填写应用名称，或为没有应用的行指定 --app NAME。</translation>
    </message>
    <message>
        <source>The row is for &quot;%1&quot;, but --app says &quot;%2&quot;.</source>
        <translation>该行属于“%1”，但 --app 指定的是“%2”。</translation>
    </message>
    <message>
        <source>Leave the app column empty or drop --app.</source>
        <translation>请将 app 列留空，或去掉 --app。</translation>
    </message>
    <message>
        <source>The openid is missing.</source>
        <translation>缺少 openid。</translation>
    </message>
    <message>
        <source>Every row needs the subscriber&apos;s official-account openid.</source>
        <translation>每一行都需要订阅者的公众号 openid。</translation>
    </message>
    <message>
        <source>There is no subscriber with openid &quot;%1&quot;.</source>
        <translation>没有 openid 为“%1”的订阅者。</translation>
    </message>
    <message>
        <source>Import the subscriber first with --subscribers.</source>
        <translation>请先用 --subscribers 导入该订阅者。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a time.</source>
        <translation>“%1”不是时间。</translation>
    </message>
    <message>
        <source>Write an ISO 8601 time such as 2026-11-29T09:00:00+08:00, or unix seconds such as 1795914000.</source>
        <translation>请填写 ISO 8601 时间，例如 2026-11-29T09:00:00+08:00，或 Unix 秒数，例如 1795914000。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is neither yes nor no.</source>
        <translation>“%1”既不是“是”也不是“否”。</translation>
    </message>
    <message>
        <source>Write 1 or 0.</source>
        <translation>请填写 1 或 0。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a whole number from %2 to %3.</source>
        <translation>“%1”不是 %2 到 %3 之间的整数。</translation>
    </message>
    <message>
        <source>Write a number in that range, or leave the cell empty for the default.</source>
        <translation>请填写该范围内的数字，或将单元格留空以使用默认值。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an http or https address.</source>
        <translation>“%1”不是 http 或 https 地址。</translation>
    </message>
    <message>
        <source>Write a full address such as https://example.com/path, or leave the cell empty.</source>
        <translation>请填写完整地址，例如 https://example.com/path，或将单元格留空。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an e-mail address.</source>
        <translation>“%1”不是邮箱地址。</translation>
    </message>
    <message>
        <source>Write an address such as name@example.com, or leave the cell empty.</source>
        <translation>请填写地址，例如 name@example.com，或将单元格留空。</translation>
    </message>
    <message>
        <source>Cannot read %1: %2.</source>
        <translation>无法读取 %1：%2。</translation>
    </message>
    <message>
        <source>Check the path and the file&apos;s permissions.</source>
        <translation>请检查路径和文件权限。</translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation>文件为空。</translation>
    </message>
    <message>
        <source>The first line must name the columns: %1.</source>
        <translation>第一行必须列出列名：%1。</translation>
    </message>
    <message>
        <source>Unknown column &quot;%1&quot;.</source>
        <translation>未知列“%1”。</translation>
    </message>
    <message>
        <source>The columns of a %1 file are: %2.</source>
        <translation>%1 文件的列为：%2。</translation>
    </message>
    <message>
        <source>The column appears twice.</source>
        <translation>该列出现了两次。</translation>
    </message>
    <message>
        <source>Remove one of them.</source>
        <translation>请删除其中一列。</translation>
    </message>
    <message>
        <source>The required column is missing.</source>
        <translation>缺少必需的列。</translation>
    </message>
    <message>
        <source>Add a %1 column to the first line.</source>
        <translation>请在第一行添加 %1 列。</translation>
    </message>
    <message numerus="yes">
        <source>The line has %n field(s), but the first line has %1.</source>
        <translation>
            <numerusform>该行有 %n 个字段，但第一行有 %1 个。</numerusform>
        </translation>
    </message>
    <message>
        <source>Check for a missing or extra comma, and put fields that contain commas in quotes.</source>
        <translation>请检查是否少了或多了逗号，并把含逗号的字段用引号括起来。</translation>
    </message>
    <message>
        <source>dry run: rolled back</source>
        <translation>试运行：已回滚</translation>
    </message>
    <message>
        <source>The import failed while writing, and nothing was imported: %1</source>
        <translation>导入在写入时失败，未导入任何内容：%1</translation>
    </message>
    <message>
        <source>The openid contains spaces.</source>
        <translation>openid 中含有空格。</translation>
    </message>
    <message>
        <source>Every row needs the subscriber&apos;s official-account openid, as WeChat gives it.</source>
        <translation>每一行都需要订阅者的公众号 openid，须与微信提供的完全一致。</translation>
    </message>
    <message>
        <source>The subscriber %1 is also on line %2.</source>
        <translation>订阅者 %1 也出现在第 %2 行。</translation>
    </message>
    <message>
        <source>Keep one row per subscriber.</source>
        <translation>每个订阅者只保留一行。</translation>
    </message>
    <message>
        <source>The mini-program openid is also on line %1.</source>
        <translation>该小程序 openid 也出现在第 %1 行。</translation>
    </message>
    <message>
        <source>A mini-program openid belongs to one subscriber.</source>
        <translation>一个小程序 openid 只属于一个订阅者。</translation>
    </message>
    <message>
        <source>The mini-program openid already belongs to the subscriber &quot;%1&quot;.</source>
        <translation>该小程序 openid 已属于订阅者“%1”。</translation>
    </message>
    <message>
        <source>Correct the openid, or change that subscriber first.</source>
        <translation>请更正 openid，或先修改那个订阅者。</translation>
    </message>
    <message>
        <source>The tag &quot;%1&quot; contains a comma.</source>
        <translation>标签“%1”含有逗号。</translation>
    </message>
    <message>
        <source>Separate tags with semicolons, and use no commas inside a tag.</source>
        <translation>标签之间用分号分隔，标签内不要使用逗号。</translation>
    </message>
    <message>
        <source>line %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a binding state.</source>
        <translation>“%1”不是绑定状态。</translation>
    </message>
    <message>
        <source>Write active, muted, blocked or unbound.</source>
        <translation>请填写 active、muted、blocked 或 unbound。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a reminder level.</source>
        <translation>“%1”不是提醒级别。</translation>
    </message>
    <message>
        <source>Write strong, weak or none.</source>
        <translation>请填写 strong、weak 或 none。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a list of channels.</source>
        <translation>“%1”不是渠道列表。</translation>
    </message>
    <message>
        <source>Use names from %1, separated by semicolons.</source>
        <translation>请使用 %1 中的名称，以分号分隔。</translation>
    </message>
    <message>
        <source>The same subscriber and app are also on line %1.</source>
        <translation>相同的订阅者和应用也出现在第 %1 行。</translation>
    </message>
    <message>
        <source>Keep one row per subscriber and app.</source>
        <translation>每个订阅者与应用的组合只保留一行。</translation>
    </message>
    <message>
        <source>The kind of event is missing.</source>
        <translation>缺少事件类型。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a kind of event.</source>
        <translation>“%1”不是事件类型。</translation>
    </message>
    <message>
        <source>Write optout, optin, bind, unbind, mute, unmute, block, unblock or reminder.</source>
        <translation>请填写 optout、optin、bind、unbind、mute、unmute、block、unblock 或 reminder。</translation>
    </message>
    <message>
        <source>Add the event that makes it possible before this line, or remove this line.</source>
        <translation>请在此行之前添加使其成立的事件，或删除此行。</translation>
    </message>
    <message>
        <source>The kind of credit is missing.</source>
        <translation>缺少凭证类型。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a kind of credit.</source>
        <translation>“%1”不是凭证类型。</translation>
    </message>
    <message>
        <source>Write form_id, prepay_id or subscribe.</source>
        <translation>请填写 form_id、prepay_id 或 subscribe。</translation>
    </message>
    <message>
        <source>The %1 is missing.</source>
        <translation>缺少 %1。</translation>
    </message>
    <message>
        <source>Write the id the mini-program collected.</source>
        <translation>请填写小程序收集到的 ID。</translation>
    </message>
    <message>
        <source>A subscribe grant needs its template id.</source>
        <translation>订阅授权需要其模板 ID。</translation>
    </message>
    <message>
        <source>Write the subscribe-message template id the person accepted.</source>
        <translation>请填写此人同意的订阅消息模板 ID。</translation>
    </message>
    <message>
        <source>The credit expired at %1.</source>
        <translation>该凭证已于 %1 过期。</translation>
    </message>
    <message>
        <source>Leave expired credits out of the file.</source>
        <translation>请勿在文件中包含已过期的凭证。</translation>
    </message>
    <message>
        <source>The same credit is also on line %1.</source>
        <translation>相同的凭证也出现在第 %1 行。</translation>
    </message>
    <message>
        <source>Keep one row per credit.</source>
        <translation>每个凭证只保留一行。</translation>
    </message>
    <message>
        <source>CSV files: UTF-8 (a byte order mark is fine), a first line naming the columns in any order, commas between fields, double quotes around fields with commas, quotes or line breaks. Every row needs mp_openid; for subscribers and bindings a column left out keeps what the database has.

--subscribers: upserted by mp_openid.
  mp_openid,mini_openid,unionid,nickname,email,bark_key,bark_server,ntfy_topic,webhook_url,opted_out,
  last_interaction,tags
  opted_out: 1 or 0 (true/false, yes/no). 1 opts the person out; 0 never opts back in somebody who
  opted out (import an optin event for that). last_interaction: ISO 8601 time or unix seconds.
  tags: separated by semicolons (vip;beijing). With --app every subscriber is also bound to that app.
--bindings: one row per subscriber and app, created or updated.
  mp_openid,app,state,reminder,channels
  state: active|muted|blocked|unbound (default active). reminder: strong|weak|none (default strong).
  channels: in order of preference, separated by semicolons: wechat;miniprogram;bark;email;ntfy;webhook
  (default wechat).
--events: what subscribers did, applied in file order.
  mp_openid,app,kind,value,at
  kind: optout|optin (&quot;reply 0&quot; / &quot;reply 1&quot;, every app; app may be empty), bind, unbind, mute, unmute,
  block, unblock, reminder (value strong|weak|none). bind may give channels as its value.
  at: ISO 8601 time or unix seconds (default now).
--credits: mini-program send credits.
  mp_openid,app,kind,credit,template_id,uses,expires_at
  kind: form_id (1 use, 7 days) | prepay_id (3 uses, 7 days) | subscribe (needs template_id, no expiry).
  credit: the form_id or prepay_id. uses and expires_at (ISO 8601 or unix seconds) override the defaults.
--list NAME: a new audience list of that name, for broadcasts to it (pushdesk send --list NAME).
  mp_openid,mini_openid,email (any of them; each row names one known subscriber by the first non-empty
  one; an e-mail address must belong to exactly one subscriber; repeated people count once).

The app column may be left out or empty when --app is given.
</source>
        <translation>CSV 文件：UTF-8 编码（可带字节顺序标记），第一行按任意顺序列出列名，字段之间用逗号分隔，含逗号、引号或换行的字段用双引号括起来。每一行都需要 mp_openid；对于订阅者和绑定，未提供的列保留数据库中的现有值。

--subscribers：按 mp_openid 新增或更新。
  mp_openid,mini_openid,unionid,nickname,email,bark_key,bark_server,ntfy_topic,webhook_url,opted_out,
  last_interaction,tags
  opted_out：1 或 0（true/false、yes/no）。1 表示此人退订；0 绝不会让已退订的人重新订阅
  （重新订阅请导入 optin 事件）。last_interaction：ISO 8601 时间或 Unix 秒数。
  tags：以分号分隔（vip;beijing）。指定 --app 时，每个订阅者还会绑定到该应用。
--bindings：每个订阅者与应用一行，新建或更新。
  mp_openid,app,state,reminder,channels
  state：active|muted|blocked|unbound（默认 active）。reminder：strong|weak|none（默认 strong）。
  channels：按优先顺序排列，以分号分隔：wechat;miniprogram;bark;email;ntfy;webhook
  （默认 wechat）。
--events：订阅者的操作，按文件顺序应用。
  mp_openid,app,kind,value,at
  kind：optout|optin（“回复 0”/“回复 1”，对所有应用生效；app 可留空）、bind、unbind、mute、unmute、
  block、unblock、reminder（value 为 strong|weak|none）。bind 可把渠道列表作为 value。
  at：ISO 8601 时间或 Unix 秒数（默认为当前时间）。
--credits：小程序发送凭证。
  mp_openid,app,kind,credit,template_id,uses,expires_at
  kind：form_id（可用 1 次，7 天）| prepay_id（可用 3 次，7 天）| subscribe（需要 template_id，不过期）。
  credit：form_id 或 prepay_id 的值。uses 和 expires_at（ISO 8601 或 Unix 秒数）覆盖默认值。
--list NAME：新建一个以此命名的受众名单，供群发使用（pushdesk send --list NAME）。
  mp_openid,mini_openid,email（任选其一；每行按第一个非空列指定一位已知订阅者；
  邮箱地址必须只属于一位订阅者；重复的人只计一次）。

指定 --app 时，app 列可以省略或留空。
</translation>
    </message>
    <message>
        <source>The first line names none of the columns mp_openid, mini_openid, email.</source>
        <translation>第一行没有列出 mp_openid、mini_openid、email 中的任何一列。</translation>
    </message>
    <message>
        <source>Name the column that identifies each subscriber on the first line.</source>
        <translation>请在第一行写出用于识别每位订阅者的列名。</translation>
    </message>
    <message>
        <source>The list has no name.</source>
        <translation>名单没有名称。</translation>
    </message>
    <message>
        <source>Give the list a name.</source>
        <translation>请为名单命名。</translation>
    </message>
    <message>
        <source>There is already a list named &quot;%1&quot;.</source>
        <translation>已存在名为“%1”的名单。</translation>
    </message>
    <message>
        <source>Choose another name.</source>
        <translation>请另选一个名称。</translation>
    </message>
    <message>
        <source>The file names nobody.</source>
        <translation>文件中没有指定任何人。</translation>
    </message>
    <message>
        <source>Add one row per subscriber of the list.</source>
        <translation>请为名单中的每位订阅者各写一行。</translation>
    </message>
    <message>
        <source>Correct the openid, or import the subscriber first with --subscribers.</source>
        <translation>请更正 openid，或先用 --subscribers 导入该订阅者。</translation>
    </message>
    <message>
        <source>There is no subscriber with mini-program openid &quot;%1&quot;.</source>
        <translation>没有小程序 openid 为“%1”的订阅者。</translation>
    </message>
    <message>
        <source>No subscriber has the e-mail address &quot;%1&quot;.</source>
        <translation>没有订阅者的邮箱地址是“%1”。</translation>
    </message>
    <message>
        <source>Correct the address, or name the subscriber by mp_openid instead.</source>
        <translation>请更正地址，或改用 mp_openid 指定订阅者。</translation>
    </message>
    <message numerus="yes">
        <source>%n subscribers share the e-mail address &quot;%1&quot;.</source>
        <translation>
            <numerusform>%n 位订阅者共用邮箱地址“%1”。</numerusform>
        </translation>
    </message>
    <message>
        <source>Name the subscriber by mp_openid instead.</source>
        <translation>请改用 mp_openid 指定订阅者。</translation>
    </message>
    <message>
        <source>The row names nobody.</source>
        <translation>该行没有指定任何人。</translation>
    </message>
    <message>
        <source>Write the subscriber&apos;s mp_openid, mini_openid or e-mail address.</source>
        <translation>请填写订阅者的 mp_openid、mini_openid 或邮箱地址。</translation>
    </message>
    <message>
        <source>The file names nobody; no list was made.</source>
        <translation>文件中没有指定任何人；未创建名单。</translation>
    </message>
</context>
<context>
    <name>Listing</name>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Record ID</source>
        <translation>记录 ID</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>变更前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>变更后</translation>
    </message>
    <message>
        <source>App</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>App ID</source>
        <translation>应用 ID</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Subscriber</source>
        <translation>订阅者</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Broadcast</source>
        <translation>群发</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>投递</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>审核人</translation>
    </message>
    <message>
        <source>Filed</source>
        <translation>提交时间</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>AppID</source>
        <translation>AppID</translation>
    </message>
    <message>
        <source>Upstream</source>
        <translation>上游</translation>
    </message>
    <message>
        <source>Credit</source>
        <translation>信用分</translation>
    </message>
    <message>
        <source>Daily quota</source>
        <translation>每日配额</translation>
    </message>
    <message>
        <source>Nickname</source>
        <translation>昵称</translation>
    </message>
    <message>
        <source>OpenID</source>
        <translation>OpenID</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>Bark key</source>
        <translation>Bark 密钥</translation>
    </message>
    <message>
        <source>Opted out</source>
        <translation>已退订</translation>
    </message>
    <message>
        <source>Last interaction</source>
        <translation>最近互动</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>收件人数</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Created by</source>
        <translation>创建人</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>发送方式</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <source>Errcode</source>
        <translation>errcode</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
    <message>
        <source>Audience</source>
        <translation>受众</translation>
    </message>
</context>
<context>
    <name>ListingTable</name>
    <message>
        <source>Cannot read the list: %1</source>
        <translation>无法读取列表：%1</translation>
    </message>
    <message>
        <source>All apps</source>
        <translation>所有应用</translation>
    </message>
    <message>
        <source>Cannot read the apps: %1</source>
        <translation>无法读取应用：%1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Pushdesk</source>
        <translation>Pushdesk</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>页面</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>Broadcasts</source>
        <translation>群发</translation>
    </message>
    <message>
        <source>New broadcast</source>
        <translation>新建群发</translation>
    </message>
    <message>
        <source>Apps</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Subscribers</source>
        <translation>订阅者</translation>
    </message>
    <message>
        <source>Templates</source>
        <translation>模板</translation>
    </message>
    <message>
        <source>Send log</source>
        <translation>发送日志</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>查找(&amp;F)</translation>
    </message>
    <message>
        <source>Ctrl+F</source>
        <translation>Ctrl+F</translation>
    </message>
    <message>
        <source>&amp;Dashboard</source>
        <translation>概览(&amp;D)</translation>
    </message>
    <message>
        <source>Ctrl+1</source>
        <translation>Ctrl+1</translation>
    </message>
    <message>
        <source>&amp;Broadcasts</source>
        <translation>群发(&amp;B)</translation>
    </message>
    <message>
        <source>Ctrl+2</source>
        <translation>Ctrl+2</translation>
    </message>
    <message>
        <source>&amp;New broadcast</source>
        <translation>新建群发(&amp;N)</translation>
    </message>
    <message>
        <source>Ctrl+3</source>
        <translation>Ctrl+3</translation>
    </message>
    <message>
        <source>&amp;Apps</source>
        <translation>应用(&amp;A)</translation>
    </message>
    <message>
        <source>Ctrl+4</source>
        <translation>Ctrl+4</translation>
    </message>
    <message>
        <source>&amp;Subscribers</source>
        <translation>订阅者(&amp;S)</translation>
    </message>
    <message>
        <source>Ctrl+5</source>
        <translation>Ctrl+5</translation>
    </message>
    <message>
        <source>&amp;Templates</source>
        <translation>模板(&amp;T)</translation>
    </message>
    <message>
        <source>Ctrl+6</source>
        <translation>Ctrl+6</translation>
    </message>
    <message>
        <source>Send &amp;log</source>
        <translation>发送日志(&amp;L)</translation>
    </message>
    <message>
        <source>Ctrl+7</source>
        <translation>Ctrl+7</translation>
    </message>
    <message>
        <source>Se&amp;ttings</source>
        <translation>设置(&amp;T)</translation>
    </message>
    <message>
        <source>Ctrl+8</source>
        <translation>Ctrl+8</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>审计</translation>
    </message>
    <message>
        <source>&amp;Complaints</source>
        <translation>投诉(&amp;C)</translation>
    </message>
    <message>
        <source>Ctrl+9</source>
        <translation>Ctrl+9</translation>
    </message>
    <message>
        <source>A&amp;udit</source>
        <translation>审计(&amp;U)</translation>
    </message>
    <message>
        <source>Ctrl+0</source>
        <translation>Ctrl+0</translation>
    </message>
</context>
<context>
    <name>PenaltyRules</name>
    <message>
        <source>The points for %1 must be between 0 and 1000, not %2.</source>
        <translation>%1 的扣分必须在 0 到 1000 之间，而不是 %2。</translation>
    </message>
    <message>
        <source>A suspension lasts from 1 to 3650 days, not %1.</source>
        <translation>暂停发送的期限为 1 到 3650 天，而不是 %1。</translation>
    </message>
    <message>
        <source>The thresholds must be in order: ban at or below %1 &lt; long suspension below %2 &lt; short suspension below %3.</source>
        <translation>阈值必须依次排列：小于等于 %1 封禁 &lt; 低于 %2 长期暂停发送 &lt; 低于 %3 短期暂停发送。</translation>
    </message>
    <message>
        <source>Say who changes the penalty rules.</source>
        <translation>请注明由谁修改处罚规则。</translation>
    </message>
</context>
<context>
    <name>PenaltyService</name>
    <message>
        <source>There is no app with id %1.</source>
        <translation>ID 为 %1 的应用不存在。</translation>
    </message>
    <message>
        <source>The credit score fell from %1 to %2.</source>
        <translation>信用分从 %1 降至 %2。</translation>
    </message>
    <message>
        <source>Say who reviews the complaint.</source>
        <translation>请注明由谁审核该投诉。</translation>
    </message>
    <message>
        <source>There is no complaint %1.</source>
        <translation>投诉 %1 不存在。</translation>
    </message>
    <message>
        <source>Complaint %1 was already decided (%2 by %3).</source>
        <translation>投诉 %1 已处理过（%3 判定为 %2）。</translation>
    </message>
    <message>
        <source>Complaint %1 was decided by somebody else meanwhile; reload the queue.</source>
        <translation>投诉 %1 在此期间已由他人处理；请重新加载审核队列。</translation>
    </message>
    <message>
        <source>Deduct from 0 to 1000 points, not %1.</source>
        <translation>扣分范围为 0 到 1000 分，而不是 %1。</translation>
    </message>
    <message>
        <source>Complaint %1 upheld (%2).</source>
        <translation>投诉 %1 成立（%2）。</translation>
    </message>
    <message>
        <source>Deduct from 1 to 1000 points, not %1.</source>
        <translation>扣分范围为 1 到 1000 分，而不是 %1。</translation>
    </message>
    <message>
        <source>Give a reason for the deduction.</source>
        <translation>请填写扣分原因。</translation>
    </message>
    <message>
        <source>Say who deducts the points.</source>
        <translation>请注明由谁扣分。</translation>
    </message>
    <message>
        <source>Suspend for 1 to 3650 days, not %1.</source>
        <translation>暂停发送的期限为 1 到 3650 天，而不是 %1。</translation>
    </message>
    <message>
        <source>Give a reason for the suspension.</source>
        <translation>请填写暂停发送的原因。</translation>
    </message>
    <message>
        <source>Say who suspends the app.</source>
        <translation>请注明由谁暂停该应用。</translation>
    </message>
    <message>
        <source>The app %1 is banned; a suspension would change nothing.</source>
        <translation>应用 %1 已被封禁；暂停发送不会有任何变化。</translation>
    </message>
    <message>
        <source>Give a reason for the ban.</source>
        <translation>请填写封禁原因。</translation>
    </message>
    <message>
        <source>Say who bans the app.</source>
        <translation>请注明由谁封禁该应用。</translation>
    </message>
    <message>
        <source>The app %1 is already banned.</source>
        <translation>应用 %1 已被封禁。</translation>
    </message>
    <message>
        <source>Lifting a ban needs the name of the admin who lifts it.</source>
        <translation>解除封禁需要填写执行解封的管理员姓名。</translation>
    </message>
    <message>
        <source>Lifting a ban needs a reason; write why the app may send again.</source>
        <translation>解除封禁需要填写原因；请写明该应用为何可以重新发送。</translation>
    </message>
    <message>
        <source>A credit score goes from -1000 to 1000, not %1.</source>
        <translation>信用分的范围为 -1000 到 1000，而不是 %1。</translation>
    </message>
    <message>
        <source>The app %1 is not banned.</source>
        <translation>应用 %1 未被封禁。</translation>
    </message>
    <message>
        <source>Say who lifts the suspension.</source>
        <translation>请注明由谁解除暂停。</translation>
    </message>
    <message>
        <source>Give a reason for ending the suspension early.</source>
        <translation>请填写提前结束暂停的原因。</translation>
    </message>
    <message>
        <source>The app %1 is not suspended.</source>
        <translation>应用 %1 未被暂停发送。</translation>
    </message>
    <message>
        <source>The suspension ended.</source>
        <translation>暂停发送已结束。</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>The Qt SQL driver for %1 is not installed (install libqt6sql6-%2).</source>
        <translation>未安装 %1 的 Qt SQL 驱动（请安装 libqt6sql6-%2）。</translation>
    </message>
    <message>
        <source>No database file was given.</source>
        <translation>未指定数据库文件。</translation>
    </message>
    <message>
        <source>Cannot create the folder %1 for the database; choose another file with --db.</source>
        <translation>无法为数据库创建文件夹 %1；请用 --db 选择其他文件。</translation>
    </message>
    <message>
        <source>Cannot read and write the database file %1; check its permissions or choose another file with --db.</source>
        <translation>无法读写数据库文件 %1；请检查其权限，或用 --db 选择其他文件。</translation>
    </message>
    <message>
        <source>Cannot open the database %1: %2</source>
        <translation>无法打开数据库 %1：%2</translation>
    </message>
    <message>
        <source>The file %1 is not a readable Pushdesk database (%2). Restore it from a backup or choose another file with --db.</source>
        <translation>文件 %1 不是可读取的 Pushdesk 数据库（%2）。请从备份恢复，或用 --db 选择其他文件。</translation>
    </message>
    <message>
        <source>Cannot configure the database %1: %2</source>
        <translation>无法配置数据库 %1：%2</translation>
    </message>
    <message>
        <source>Cannot prepare the database %1: %2</source>
        <translation>无法准备数据库 %1：%2</translation>
    </message>
    <message>
        <source>The database has schema version %1, newer than this Pushdesk understands (%2). Use a newer Pushdesk.</source>
        <translation>数据库的架构版本为 %1，比此版本的 Pushdesk 所支持的（%2）更新。请使用更新版本的 Pushdesk。</translation>
    </message>
    <message>
        <source>Migration to schema version %1 failed (%2); the database was left unchanged.</source>
        <translation>迁移到架构版本 %1 失败（%2）；数据库保持不变。</translation>
    </message>
    <message>
        <source>No database was given: name an SQLite file or a PostgreSQL URL (postgresql://user@host:port/dbname).</source>
        <translation>未指定数据库：请提供 SQLite 文件或 PostgreSQL URL（postgresql://user@host:port/dbname）。</translation>
    </message>
    <message>
        <source>%1 is not a PostgreSQL URL; write it as postgresql://user@host:port/dbname.</source>
        <translation>%1 不是 PostgreSQL URL；请写成 postgresql://user@host:port/dbname。</translation>
    </message>
    <message>
        <source>Do not put the password in the database URL (it would show in process lists and shell history). Store it in the keychain from the console&apos;s Settings, or set PGPASSWORD or ~/.pgpass.</source>
        <translation>不要把密码写进数据库 URL（它会出现在进程列表和 shell 历史中）。请在控制台的“设置”中将其保存到钥匙串，或设置 PGPASSWORD 或 ~/.pgpass。</translation>
    </message>
    <message>
        <source>%1 does not name a user and a database; write it as postgresql://user@host:port/dbname.</source>
        <translation>%1 没有指定用户和数据库；请写成 postgresql://user@host:port/dbname。</translation>
    </message>
    <message>
        <source>Do not put the password in the database URL. Store it in the keychain from the console&apos;s Settings, or set PGPASSWORD or ~/.pgpass.</source>
        <translation>不要把密码写进数据库 URL。请在控制台的“设置”中将其保存到钥匙串，或设置 PGPASSWORD 或 ~/.pgpass。</translation>
    </message>
    <message>
        <source>The option %1 of the database URL cannot contain &quot;;&quot;.</source>
        <translation>数据库 URL 的选项 %1 不能包含“;”。</translation>
    </message>
    <message>
        <source>(The keychain could not be read: %1)</source>
        <translation>（无法读取钥匙串：%1）</translation>
    </message>
    <message>
        <source>(The keychain holds no password for %1 and PGPASSWORD is not set.)</source>
        <translation>（钥匙串中没有 %1 的密码，且未设置 PGPASSWORD。）</translation>
    </message>
    <message>
        <source>Check the user and the password: store the password in the keychain (console Settings, Database), or set PGPASSWORD or ~/.pgpass for the command line.</source>
        <translation>请检查用户名和密码：将密码保存到钥匙串（控制台“设置”→“数据库”），命令行则可设置 PGPASSWORD 或 ~/.pgpass。</translation>
    </message>
    <message>
        <source>The server does not accept this user from this machine: add a line for it to the server&apos;s pg_hba.conf.</source>
        <translation>服务器不接受此用户从本机连接：请在服务器的 pg_hba.conf 中为其添加一行。</translation>
    </message>
    <message>
        <source>Create the database first (createdb -O USER NAME) or correct its name.</source>
        <translation>请先创建数据库（createdb -O USER NAME），或更正数据库名称。</translation>
    </message>
    <message>
        <source>Correct the user name, or create the role on the server (createuser NAME).</source>
        <translation>请更正用户名，或在服务器上创建该角色（createuser NAME）。</translation>
    </message>
    <message>
        <source>Check that the PostgreSQL server is running and that the host and port are right, and that it accepts TCP connections from this machine.</source>
        <translation>请检查 PostgreSQL 服务器是否正在运行、主机和端口是否正确，以及它是否接受来自本机的 TCP 连接。</translation>
    </message>
    <message>
        <source>Cannot connect to the PostgreSQL database %1: %2. %3</source>
        <translation>无法连接 PostgreSQL 数据库 %1：%2。%3</translation>
    </message>
    <message>
        <source>Choose a database file.</source>
        <translation>请选择一个数据库文件。</translation>
    </message>
    <message>
        <source>The folder %1 does not exist; Pushdesk creates it and the file at the next start, or choose another file.</source>
        <translation>文件夹 %1 不存在；Pushdesk 会在下次启动时创建该文件夹和文件，您也可以另选一个文件。</translation>
    </message>
    <message>
        <source>The file %1 does not exist yet: Pushdesk creates it at the next start.</source>
        <translation>文件 %1 尚不存在：Pushdesk 会在下次启动时创建它。</translation>
    </message>
    <message>
        <source>Connected to %1, but cannot read the database: %2</source>
        <translation>已连接到 %1，但无法读取数据库：%2</translation>
    </message>
    <message>
        <source>Connected to %1. The database is empty: Pushdesk creates its tables when it starts on it.</source>
        <translation>已连接到 %1。数据库为空：Pushdesk 在其上启动时会创建所需的表。</translation>
    </message>
    <message>
        <source>Connected to %1, but the database has schema version %2, newer than this Pushdesk understands (%3). Use a newer Pushdesk.</source>
        <translation>已连接到 %1，但数据库的架构版本为 %2，比此版本的 Pushdesk 所支持的（%3）更新。请使用更新版本的 Pushdesk。</translation>
    </message>
    <message>
        <source>Connected to %1. The database has Pushdesk&apos;s schema version %2.</source>
        <translation>已连接到 %1。数据库的 Pushdesk 架构版本为 %2。</translation>
    </message>
</context>
<context>
    <name>SecretStore</name>
    <message>
        <source>The system keychain is not available (%1). Unlock or start the keyring (for example gnome-keyring) and try again.</source>
        <translation>系统钥匙串不可用（%1）。请解锁或启动密钥环（例如 gnome-keyring）后重试。</translation>
    </message>
</context>
<context>
    <name>SendLogPage</name>
    <message>
        <source>&amp;Broadcast:</source>
        <translation>群发(&amp;B)：</translation>
    </message>
    <message>
        <source>S&amp;tate:</source>
        <translation>状态(&amp;T)：</translation>
    </message>
    <message>
        <source>Recipient nickname or openid (beginning)</source>
        <translation>收件人昵称或 openid（开头）</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;App:</source>
        <translation>应用(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Channel:</source>
        <translation>渠道(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Errcode:</source>
        <translation>&amp;errcode：</translation>
    </message>
    <message>
        <source>any</source>
        <translation>任意</translation>
    </message>
    <message>
        <source>Only deliveries with this upstream errcode (0: none)</source>
        <translation>只显示带有此上游 errcode 的投递（0：无）</translation>
    </message>
    <message>
        <source>&amp;Updated between</source>
        <translation>更新时间介于(&amp;U)</translation>
    </message>
    <message>
        <source>and</source>
        <translation>和</translation>
    </message>
    <message>
        <source>C&amp;lear filters</source>
        <translation>清除筛选(&amp;L)</translation>
    </message>
    <message>
        <source>Show every delivery again</source>
        <translation>重新显示所有投递</translation>
    </message>
    <message>
        <source>E&amp;xport CSV…</source>
        <translation>导出 CSV(&amp;X)…</translation>
    </message>
    <message>
        <source>Write the deliveries of the current filter to a CSV file</source>
        <translation>将当前筛选出的投递写入 CSV 文件</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>投递</translation>
    </message>
    <message>
        <source>Recipient:</source>
        <translation>收件人：</translation>
    </message>
    <message>
        <source>Broadcast:</source>
        <translation>群发：</translation>
    </message>
    <message>
        <source>Channel:</source>
        <translation>渠道：</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Sent as:</source>
        <translation>发送方式：</translation>
    </message>
    <message>
        <source>Attempts:</source>
        <translation>尝试次数：</translation>
    </message>
    <message>
        <source>HTTP status:</source>
        <translation>HTTP 状态码：</translation>
    </message>
    <message>
        <source>Errcode:</source>
        <translation>errcode：</translation>
    </message>
    <message>
        <source>Errmsg:</source>
        <translation>errmsg：</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <source>Message id:</source>
        <translation>消息 ID：</translation>
    </message>
    <message>
        <source>Updated:</source>
        <translation>更新时间：</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>数据库：</translation>
    </message>
    <message>
        <source>Keychain:</source>
        <translation>钥匙串：</translation>
    </message>
    <message>
        <source>Check &amp;again</source>
        <translation>重新检查(&amp;A)</translation>
    </message>
    <message>
        <source>Read a test entry from the keychain</source>
        <translation>从钥匙串读取一个测试条目</translation>
    </message>
    <message>
        <source>&amp;Engine window:</source>
        <translation>引擎窗口(&amp;E)：</translation>
    </message>
    <message>
        <source>How many requests the engine keeps in flight at most</source>
        <translation>引擎最多同时保持多少个在途请求</translation>
    </message>
    <message>
        <source>Takes effect at the next start.</source>
        <translation>下次启动时生效。</translation>
    </message>
    <message>
        <source>&amp;Ask before sending to more than:</source>
        <translation>收件人超过此数量时先询问(&amp;A)：</translation>
    </message>
    <message>
        <source>Above this many recipients, Send asks for confirmation first</source>
        <translation>收件人超过此数量时，“发送”会先请求确认</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Operator name:</source>
        <translation>操作员姓名(&amp;O)：</translation>
    </message>
    <message>
        <source>Recorded as who created broadcasts and changed bindings</source>
        <translation>记录为群发的创建人和绑定的修改人</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Keep these settings</source>
        <translation>保存这些设置</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K)：</translation>
    </message>
    <message>
        <source>One person: an SQLite file. A team (several consoles and workers): a PostgreSQL server</source>
        <translation>个人使用：SQLite 文件。团队使用（多个控制台和 worker）：PostgreSQL 服务器</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>文件(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>主机(&amp;H)：</translation>
    </message>
    <message>
        <source>db.example.com</source>
        <translation>db.example.com</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>端口(&amp;P)：</translation>
    </message>
    <message>
        <source>Data&amp;base:</source>
        <translation>数据库(&amp;B)：</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>用户(&amp;U)：</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>密码(&amp;W)：</translation>
    </message>
    <message>
        <source>Kept in the system keychain, never shown again; type a new one to replace it</source>
        <translation>保存在系统钥匙串中，之后不再显示；输入新密码即可替换</translation>
    </message>
    <message>
        <source>Pushdesk opens the chosen database at its next start; the password goes to the system keychain.</source>
        <translation>Pushdesk 会在下次启动时打开所选数据库；密码保存到系统钥匙串。</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>测试连接(&amp;T)</translation>
    </message>
    <message>
        <source>Connect to the database without changing anything</source>
        <translation>连接数据库，但不做任何更改</translation>
    </message>
    <message>
        <source>Use at &amp;next start</source>
        <translation>下次启动时使用(&amp;N)</translation>
    </message>
    <message>
        <source>Keep this database in the settings (and its password in the keychain)</source>
        <translation>在设置中保存此数据库（其密码保存在钥匙串中）</translation>
    </message>
</context>
<context>
    <name>SubscribersPage</name>
    <message>
        <source>Search by openid, nickname or e-mail (beginning)</source>
        <translation>按 openid、昵称或邮箱搜索（开头）</translation>
    </message>
    <message>
        <source>Matches the beginning of the openid, the nickname or the e-mail address</source>
        <translation>匹配 openid、昵称或邮箱地址的开头</translation>
    </message>
    <message>
        <source>Subscriber</source>
        <translation>订阅者</translation>
    </message>
    <message>
        <source>Nickname:</source>
        <translation>昵称：</translation>
    </message>
    <message>
        <source>Official-account openid:</source>
        <translation>公众号 openid：</translation>
    </message>
    <message>
        <source>Mini-program openid:</source>
        <translation>小程序 openid：</translation>
    </message>
    <message>
        <source>UnionID:</source>
        <translation>UnionID：</translation>
    </message>
    <message>
        <source>E-mail:</source>
        <translation>邮箱：</translation>
    </message>
    <message>
        <source>Bark device key:</source>
        <translation>Bark 设备密钥：</translation>
    </message>
    <message>
        <source>Receives messages:</source>
        <translation>接收消息：</translation>
    </message>
    <message>
        <source>Last interaction:</source>
        <translation>最近互动：</translation>
    </message>
    <message>
        <source>Tags:</source>
        <translation>标签：</translation>
    </message>
    <message>
        <source>Bindings</source>
        <translation>绑定</translation>
    </message>
    <message>
        <source>App</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Reminder</source>
        <translation>提醒</translation>
    </message>
    <message>
        <source>Channels</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Changed by</source>
        <translation>修改人</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>修改时间</translation>
    </message>
    <message>
        <source>&amp;Import CSV…</source>
        <translation>导入 CSV(&amp;I)…</translation>
    </message>
    <message>
        <source>Import subscribers, bindings, events or send credits from a CSV file, after checking it</source>
        <translation>先检查 CSV 文件，再从中导入订阅者、绑定、事件或发送凭证</translation>
    </message>
    <message>
        <source>S&amp;tate:</source>
        <translation>状态(&amp;T)：</translation>
    </message>
    <message>
        <source>The selected binding&apos;s state: active, muted (inbox only), blocked or unbound</source>
        <translation>所选绑定的状态：正常、免打扰（仅收件箱）、已屏蔽或已解绑</translation>
    </message>
    <message>
        <source>&amp;Reminder:</source>
        <translation>提醒(&amp;R)：</translation>
    </message>
    <message>
        <source>Strong: push now; weak: inbox only; none: nothing</source>
        <translation>强提醒：立即推送；弱提醒：仅收件箱；无：不接收</translation>
    </message>
    <message>
        <source>A&amp;pply</source>
        <translation>应用更改(&amp;P)</translation>
    </message>
    <message>
        <source>Record the change as an operator&apos;s event (it is audited)</source>
        <translation>将此更改记录为操作员事件（会写入审计日志）</translation>
    </message>
</context>
<context>
    <name>TemplateFieldLines</name>
    <message>
        <source>Line %1 of the WeChat fields has no “=”: write key=value.</source>
        <translation>微信字段第 %1 行没有“=”：请写成 key=value。</translation>
    </message>
    <message>
        <source>Line %1 of the WeChat fields: “%2” is not a field key such as first, keyword1 or remark.</source>
        <translation>微信字段第 %1 行：“%2”不是字段键，例如 first、keyword1 或 remark。</translation>
    </message>
    <message>
        <source>Line %1 of the WeChat fields repeats the key “%2”.</source>
        <translation>微信字段第 %1 行重复了键“%2”。</translation>
    </message>
</context>
<context>
    <name>TemplatesPage</name>
    <message>
        <source>&amp;New template</source>
        <translation>新建模板(&amp;N)</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;App:</source>
        <translation>应用(&amp;A)：</translation>
    </message>
    <message>
        <source>Customer service</source>
        <translation>客服消息</translation>
    </message>
    <message>
        <source>A text message, sent while the subscriber&apos;s last interaction is less than 48 hours old; otherwise the WeChat template message is sent instead.</source>
        <translation>文本消息，在订阅者最近一次互动不足 48 小时时发送；否则改为发送微信模板消息。</translation>
    </message>
    <message>
        <source>Hi {{nickname}}, {{message}}</source>
        <translation>{{nickname}}，您好：{{message}}</translation>
    </message>
    <message>
        <source>WeChat template</source>
        <translation>微信模板</translation>
    </message>
    <message>
        <source>Template &amp;ID:</source>
        <translation>模板 &amp;ID：</translation>
    </message>
    <message>
        <source>&amp;Fields:</source>
        <translation>字段(&amp;F)：</translation>
    </message>
    <message>
        <source>first=Hello {{nickname}}
keyword1={{order}}
remark=Thank you</source>
        <translation>first={{nickname}}，您好
keyword1={{order}}
remark=谢谢</translation>
    </message>
    <message>
        <source>One field per line: key=value. Values may use {{placeholders}}.</source>
        <translation>每行一个字段：key=value。取值中可以使用 {{占位符}}。</translation>
    </message>
    <message>
        <source>&amp;Link:</source>
        <translation>链接(&amp;L)：</translation>
    </message>
    <message>
        <source>https://… (optional)</source>
        <translation>https://…（可选）</translation>
    </message>
    <message>
        <source>Bark</source>
        <translation>Bark</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>标题(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Body:</source>
        <translation>正文(&amp;B)：</translation>
    </message>
    <message>
        <source>&amp;Group:</source>
        <translation>分组(&amp;G)：</translation>
    </message>
    <message>
        <source>&amp;Level:</source>
        <translation>级别(&amp;L)：</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>邮件</translation>
    </message>
    <message>
        <source>&amp;Subject:</source>
        <translation>主题(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
</context>
<context>
    <name>TokenCache</name>
    <message>
        <source>cannot get an access token for %1: %2</source>
        <translation>无法获取 %1 的 access token：%2</translation>
    </message>
    <message>
        <source>the upstream refuses the access token of %1 and today&apos;s %2 forced refreshes are used</source>
        <translation>上游拒绝 %1 的 access_token，且今天的 %2 次强制刷新已用完</translation>
    </message>
</context>
<context>
    <name>UiLanguage</name>
    <message>
        <source>The translation %1 could not be loaded; the console stays in English.</source>
        <translation>无法加载翻译 %1；控制台保持英文界面。</translation>
    </message>
</context>
<context>
    <name>UpstreamReply</name>
    <message>
        <source>HTTP %1: %2</source>
        <translation>HTTP %1：%2</translation>
    </message>
    <message>
        <source>network error: %1</source>
        <translation>网络错误：%1</translation>
    </message>
    <message>
        <source>unreadable answer (HTTP %1), the message may have arrived: %2</source>
        <translation>无法解析的应答（HTTP %1），消息可能已送达：%2</translation>
    </message>
</context>
<context>
    <name>UserEvents</name>
    <message>
        <source>The callback is empty; WeChat posts an XML message such as &lt;xml&gt;&lt;ToUserName&gt;…&lt;/xml&gt;.</source>
        <translation>回调为空；微信推送的是 XML 消息，例如 &lt;xml&gt;&lt;ToUserName&gt;…&lt;/xml&gt;。</translation>
    </message>
    <message>
        <source>The callback is not a WeChat XML message: it must start with &lt;xml&gt;.</source>
        <translation>回调不是微信 XML 消息：必须以 &lt;xml&gt; 开头。</translation>
    </message>
    <message>
        <source>The callback is malformed XML at line %1, column %2: %3.</source>
        <translation>回调的 XML 格式有误，位于第 %1 行第 %2 列：%3。</translation>
    </message>
    <message>
        <source>The callback lacks %1.</source>
        <translation>回调缺少 %1。</translation>
    </message>
    <message>
        <source>CreateTime must be a Unix time in seconds, not &quot;%1&quot;.</source>
        <translation>CreateTime 必须是以秒为单位的 Unix 时间，而不是“%1”。</translation>
    </message>
    <message>
        <source>No app has the appid &quot;%1&quot;; add it on the Apps page or check the callback URL.</source>
        <translation>没有 appid 为“%1”的应用；请在“应用”页添加，或检查回调 URL。</translation>
    </message>
    <message>
        <source>No subscriber has the openid &quot;%1&quot;.</source>
        <translation>没有 openid 为“%1”的订阅者。</translation>
    </message>
    <message>
        <source>You will receive no more messages. Reply 1 to resume.</source>
        <translation>您将不再收到消息。回复 1 可恢复接收。</translation>
    </message>
    <message>
        <source>You will receive messages again. Reply 0 to stop.</source>
        <translation>您将重新收到消息。回复 0 可停止接收。</translation>
    </message>
    <message>
        <source>The body must be a JSON object such as {&quot;appid&quot;:…,&quot;openid&quot;:…,&quot;event&quot;:&quot;mute&quot;}.</source>
        <translation>请求体必须是 JSON 对象，例如 {&quot;appid&quot;:…,&quot;openid&quot;:…,&quot;event&quot;:&quot;mute&quot;}。</translation>
    </message>
    <message>
        <source>appid and openid are required.</source>
        <translation>appid 和 openid 为必填项。</translation>
    </message>
    <message>
        <source>event must be mute, unmute or reminder; opt-out, unbinding and binding come from WeChat.</source>
        <translation>event 必须是 mute、unmute 或 reminder；退订、解绑和绑定由微信发起。</translation>
    </message>
    <message>
        <source>No app has the appid &quot;%1&quot;.</source>
        <translation>没有 appid 为“%1”的应用。</translation>
    </message>
    <message>
        <source>Cannot check the signature: the app&apos;s callback Token cannot be read from the keychain (%1). WeChat will try again.</source>
        <translation>无法校验签名：无法从钥匙串读取该应用的回调 Token（%1）。微信会重试。</translation>
    </message>
    <message>
        <source>The request is not signed: WeChat adds ?signature=, timestamp= and nonce= to the server URL.</source>
        <translation>请求未签名：微信会在服务器地址后附加 ?signature=、timestamp= 和 nonce=。</translation>
    </message>
    <message>
        <source>The signature does not match the app&apos;s callback Token: the request was refused. Check that the Token on the Apps page is the one in the official account&apos;s server settings.</source>
        <translation>签名与该应用的回调 Token 不符，请求已被拒绝。请确认“应用”页上的 Token 与公众号服务器配置中的一致。</translation>
    </message>
    <message>
        <source>Add ?appid=&lt;the app&apos;s appid&gt; to the server URL, so that Pushdesk knows whose Token to check.</source>
        <translation>请在服务器地址后加上 ?appid=&lt;该应用的 appid&gt;，以便 Pushdesk 知道用哪个 Token 校验。</translation>
    </message>
    <message>
        <source>The check lacks echostr.</source>
        <translation>校验请求缺少 echostr。</translation>
    </message>
    <message>
        <source>The app has no callback Token: type the Token of the official account&apos;s server settings on the Apps page, then submit the server URL again.</source>
        <translation>该应用没有回调 Token：请在“应用”页输入公众号服务器配置中的 Token，然后重新提交服务器地址。</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>unknown mode or option %1 (see pushdesk --help)</source>
        <translation>未知的模式或选项 %1（参见 pushdesk --help）</translation>
    </message>
    <message>
        <source>Pushdesk</source>
        <translation>Pushdesk</translation>
    </message>
    <message>
        <source>%1 (see pushdesk %2 --help)</source>
        <translation>%1（参见 pushdesk %2 --help）</translation>
    </message>
    <message>
        <source>unexpected argument %1 (see pushdesk %2 --help)</source>
        <translation>多余的参数 %1（参见 pushdesk %2 --help）</translation>
    </message>
    <message numerus="yes">
        <source>%n deliveries of broadcast %1 are pending again; a console or pushdesk worker sends them.</source>
        <translation>
            <numerusform>群发 %1 的 %n 条投递已重新进入待发送状态；由控制台或 pushdesk worker 发送。</numerusform>
        </translation>
    </message>
    <message>
        <source>Language of the messages: en or zh_CN.</source>
        <translation>消息语言：en 或 zh_CN。</translation>
    </message>
    <message>
        <source>CODE</source>
        <translation>CODE</translation>
    </message>
    <message>
        <source>--callback-port needs a port from 1 to 65535</source>
        <translation>--callback-port 需要 1 到 65535 之间的端口号</translation>
    </message>
    <message>
        <source>%1

Open the local database %2 instead? You can then correct the database in Settings; it applies at the next start.</source>
        <translation>%1

改为打开本地数据库 %2 吗？之后可以在“设置”中更正数据库，下次启动时生效。</translation>
    </message>
    <message>
        <source>SQLite database file (default: %1), or a PostgreSQL URL postgresql://user@host:port/dbname whose password comes from the keychain, PGPASSWORD or ~/.pgpass (never the URL).</source>
        <translation>SQLite 数据库文件（默认：%1），或 PostgreSQL URL postgresql://user@host:port/dbname，其密码来自钥匙串、PGPASSWORD 或 ~/.pgpass（绝不写在 URL 中）。</translation>
    </message>
    <message>
        <source>PATH|URL</source>
        <translation>PATH|URL</translation>
    </message>
    <message>
        <source>stopping at once; requests still in flight are listed as uncertain at the next start</source>
        <translation>立即停止；仍在途中的请求会在下次启动时列为“不确定”</translation>
    </message>
</context>
<context>
    <name>pushdesk</name>
    <message>
        <source>The sandbox at %1 is not reachable (%2). Start it with: pushdesk sandbox --port %3</source>
        <translation>无法连接位于 %1 的沙箱（%2）。请用以下命令启动：pushdesk sandbox --port %3</translation>
    </message>
    <message>
        <source>The sandbox at %1 refused %2: %3</source>
        <translation>位于 %1 的沙箱拒绝了 %2：%3</translation>
    </message>
</context>
<context>
    <name>pushdesk::AppsPage</name>
    <message>
        <source>New app</source>
        <translation>新建应用</translation>
    </message>
    <message>
        <source>New apps start active with a credit score of 100.</source>
        <translation>新应用初始状态为正常，信用分为 100。</translation>
    </message>
    <message>
        <source>Cannot read the app: %1</source>
        <translation>无法读取应用：%1</translation>
    </message>
    <message>
        <source>That app no longer exists.</source>
        <translation>该应用已不存在。</translation>
    </message>
    <message>
        <source>Suspended until %1</source>
        <translation>暂停发送至 %1</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>%1 · credit score %2</source>
        <translation>%1 · 信用分 %2</translation>
    </message>
    <message>
        <source>Give the app a name.</source>
        <translation>请为应用命名。</translation>
    </message>
    <message>
        <source>The upstream must be “sandbox” or an http(s) URL such as https://api.weixin.qq.com.</source>
        <translation>上游必须是“sandbox”或 http(s) URL，例如 https://api.weixin.qq.com。</translation>
    </message>
    <message>
        <source>The Bark server must be empty or an http(s) URL such as https://api.day.app.</source>
        <translation>Bark 服务器必须留空或为 http(s) URL，例如 https://api.day.app。</translation>
    </message>
    <message>
        <source>Cannot save the app: %1</source>
        <translation>无法保存应用：%1</translation>
    </message>
    <message>
        <source>Cannot add the app: %1</source>
        <translation>无法添加应用：%1</translation>
    </message>
    <message>
        <source>The app was saved, but the built-in sandbox did not start: %1</source>
        <translation>应用已保存，但内置沙箱未能启动：%1</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>No apps yet — add one with “New app”, or run “pushdesk demo” for a demo database.</source>
        <translation>还没有应用——点“新建应用”添加，或运行“pushdesk demo”生成演示数据库。</translation>
    </message>
    <message>
        <source>No app matches.</source>
        <translation>没有匹配的应用。</translation>
    </message>
    <message>
        <source>AppSecret</source>
        <translation>AppSecret</translation>
    </message>
    <message>
        <source>The %1 could not be stored in the system keychain:

%2

Pushdesk never writes secrets anywhere else. It can keep this %1 in memory until you quit, so that broadcasts work in this session; you will have to type it again next time. To keep it for good, unlock or start the keychain (for example GNOME Keyring or KWallet) and save again.

Keep the %1 in memory for this session only?</source>
        <translation>%1 无法保存到系统钥匙串：

%2

Pushdesk 绝不会把密钥写到其他任何地方。它可以在您退出之前把此 %1 保存在内存中，使群发在本次会话中正常工作；下次需要重新输入。若要长期保存，请解锁或启动钥匙串（例如 GNOME Keyring 或 KWallet），然后再次保存。

仅在本次会话中将 %1 保存在内存中吗？</translation>
    </message>
    <message>
        <source>Keychain not available</source>
        <translation>钥匙串不可用</translation>
    </message>
    <message>
        <source>SMTP password</source>
        <translation>SMTP 密码</translation>
    </message>
    <message>
        <source>The built-in sandbox did not start: %1</source>
        <translation>内置沙箱未能启动：%1</translation>
    </message>
    <message>
        <source>Testing the connection of %1…</source>
        <translation>正在测试 %1 的连接…</translation>
    </message>
    <message>
        <source>callback Token</source>
        <translation>回调 Token</translation>
    </message>
    <message>
        <source>Saved. The %1 is kept in memory for this session only: type it again after Pushdesk restarts, or once the keychain works.</source>
        <translation>已保存。%1 仅在本次会话中保存在内存里：Pushdesk 重启后或钥匙串恢复后请重新输入。</translation>
    </message>
    <message>
        <source>The app was saved, but its %1 was not: %2</source>
        <translation>应用已保存，但其 %1 未保存：%2</translation>
    </message>
    <message>
        <source>The Bark user may not contain “:”.</source>
        <translation>Bark 用户名不能包含“:”。</translation>
    </message>
    <message>
        <source>A Bark login is only sent over https (or to this machine): give the Bark server as https://….</source>
        <translation>Bark 登录信息只经 https 发送（或发往本机）：请把 Bark 服务器填写为 https://…。</translation>
    </message>
    <message>
        <source>An ntfy access token is only sent over https (or to this machine): give the ntfy server as https://….</source>
        <translation>ntfy 访问令牌只经 https 发送（或发往本机）：请把 ntfy 服务器填写为 https://…。</translation>
    </message>
    <message>
        <source>Bark password</source>
        <translation>Bark 密码</translation>
    </message>
    <message>
        <source>ntfy access token</source>
        <translation>ntfy 访问令牌</translation>
    </message>
    <message>
        <source>webhook secret</source>
        <translation>webhook 密钥</translation>
    </message>
</context>
<context>
    <name>pushdesk::AuditPage</name>
    <message>
        <source>&amp;Operator:</source>
        <translation>操作员(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Action:</source>
        <translation>操作(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Record:</source>
        <translation>记录(&amp;R)：</translation>
    </message>
    <message>
        <source>Type, e.g. app or complaint</source>
        <translation>类型，例如 app 或 complaint</translation>
    </message>
    <message>
        <source>Any ID</source>
        <translation>任意 ID</translation>
    </message>
    <message>
        <source>The record&apos;s ID (with a record type); “Any ID” for every record</source>
        <translation>记录的 ID（需同时指定记录类型）；“任意 ID”表示所有记录</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>从(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Until:</source>
        <translation>到(&amp;U)：</translation>
    </message>
    <message>
        <source>R&amp;efresh</source>
        <translation>刷新(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Before:</source>
        <translation>变更前(&amp;B)：</translation>
    </message>
    <message>
        <source>A&amp;fter:</source>
        <translation>变更后(&amp;F)：</translation>
    </message>
    <message>
        <source>Any operator</source>
        <translation>任意操作员</translation>
    </message>
    <message>
        <source>Any action</source>
        <translation>任意操作</translation>
    </message>
    <message>
        <source>Nothing on record yet: operator actions appear here.</source>
        <translation>暂无记录：操作员的操作会显示在这里。</translation>
    </message>
    <message>
        <source>No event matches these filters.</source>
        <translation>没有符合这些筛选条件的事件。</translation>
    </message>
    <message numerus="yes">
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n 个事件</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pushdesk::BarkBatchJob</name>
    <message>
        <source>no result for this key in the batch answer</source>
        <translation>批量应答中没有此设备密钥的结果</translation>
    </message>
</context>
<context>
    <name>pushdesk::BroadcastControl</name>
    <message>
        <source>there is no broadcast %1</source>
        <translation>群发 %1 不存在</translation>
    </message>
    <message>
        <source>broadcast %1 is %2; only a running or scheduled broadcast can be paused</source>
        <translation>群发 %1 的状态为 %2；只有进行中或已定时的群发可以暂停</translation>
    </message>
    <message>
        <source>paused by the operator</source>
        <translation>由操作员暂停</translation>
    </message>
    <message>
        <source>broadcast %1 is already %2</source>
        <translation>群发 %1 的状态已经是 %2</translation>
    </message>
    <message>
        <source>cancelled by the operator</source>
        <translation>由操作员取消</translation>
    </message>
    <message>
        <source>the broadcast was cancelled</source>
        <translation>群发已取消</translation>
    </message>
    <message>
        <source>broadcast %1 is %2; wait until it ends before re-driving deliveries</source>
        <translation>群发 %1 的状态为 %2；请等其结束后再重新发送投递</translation>
    </message>
    <message>
        <source>broadcast %1 is %2; only a paused, held, scheduled or failed broadcast can be resumed</source>
        <translation>群发 %1 的状态是 %2；只有已暂停、待审核、已排期或失败的群发才能继续</translation>
    </message>
    <message>
        <source>broadcast %1 is %2; resume it, or cancel it, before re-driving its deliveries</source>
        <translation>群发 %1 的状态是 %2；请先继续或取消它，再重投它的投递</translation>
    </message>
    <message>
        <source>broadcast %1 stopped before it reached everyone; resume it, and re-drive its failed deliveries once it has finished</source>
        <translation>群发 %1 在送达所有人之前就停止了；请继续它，等它完成后再重投失败的投递</translation>
    </message>
</context>
<context>
    <name>pushdesk::BroadcastProgressPanel</name>
    <message>
        <source>Nothing is being sent.</source>
        <translation>当前没有正在发送的内容。</translation>
    </message>
    <message>
        <source>Compose a broadcast and press Send: its progress shows here.</source>
        <translation>撰写一条群发并点击“发送”：进度会显示在这里。</translation>
    </message>
    <message>
        <source>Paused: press Resume to go on where it stopped.</source>
        <translation>已暂停：点击“继续”从停下的地方接着发送。</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>继续(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <source>Cancelling… requests already on their way finish first.</source>
        <translation>正在取消…已发出的请求会先完成。</translation>
    </message>
    <message>
        <source>Resuming…</source>
        <translation>正在继续…</translation>
    </message>
    <message>
        <source>Pausing… requests already on their way finish first.</source>
        <translation>正在暂停…已发出的请求会先完成。</translation>
    </message>
    <message numerus="yes">
        <source>Retrying %n failed delivery(s)…</source>
        <translation>
            <numerusform>正在重试 %n 条失败的投递…</numerusform>
        </translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>正在发送…</translation>
    </message>
    <message>
        <source>%1 per second · about %2 left</source>
        <translation>每秒 %1 条 · 约剩 %2</translation>
    </message>
    <message>
        <source>Took %1.</source>
        <translation>用时 %1。</translation>
    </message>
    <message>
        <source>%1.</source>
        <translation>%1。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1 — nobody was in the audience.</source>
        <translation>%1——受众中没有任何人。</translation>
    </message>
    <message>
        <source>%1 sent · %2 to inbox · %3 skipped · %4 failed · %5 uncertain</source>
        <translation>已发送 %1 · 收件箱 %2 · 已跳过 %3 · 失败 %4 · 不确定 %5</translation>
    </message>
    <message>
        <source>%1
%2</source>
        <comment>counts, then rate or duration</comment>
        <translation>%1
%2</translation>
    </message>
    <message numerus="yes">
        <source>Failures: the first %n are shown; the Send log has all of them.</source>
        <translation>
            <numerusform>失败：仅显示前 %n 条；发送日志中有全部记录。</numerusform>
        </translation>
    </message>
    <message>
        <source>Failures: none.</source>
        <translation>失败：无。</translation>
    </message>
    <message numerus="yes">
        <source>Failures: %n</source>
        <translation>
            <numerusform>失败：%n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pushdesk::BroadcastWorker</name>
    <message>
        <source>the app&apos;s daily quota of %1 messages is reached; it goes on at %2</source>
        <translation>已达到该应用每日 %1 条消息的配额；将于 %2 继续</translation>
    </message>
    <message>
        <source>the upstream says the daily quota is spent (%1); resume when it is reset</source>
        <translation>上游表示每日配额已用完（%1）；配额重置后请继续</translation>
    </message>
    <message>
        <source>template fault (reported once for this broadcast): %1</source>
        <translation>模板错误（此群发只报告一次）：%1</translation>
    </message>
    <message>
        <source>cannot record results: %1</source>
        <translation>无法记录结果：%1</translation>
    </message>
    <message>
        <source>paused by the operator</source>
        <translation>由操作员暂停</translation>
    </message>
    <message>
        <source>cancelled by the operator</source>
        <translation>由操作员取消</translation>
    </message>
    <message>
        <source>the engine stopped; it goes on at the next start</source>
        <translation>引擎已停止；下次启动时继续</translation>
    </message>
    <message>
        <source>broadcast %1 does not exist</source>
        <translation>群发 %1 不存在</translation>
    </message>
    <message>
        <source>the broadcast&apos;s app no longer exists</source>
        <translation>该群发的应用已不存在</translation>
    </message>
    <message>
        <source>the broadcast&apos;s template no longer exists</source>
        <translation>该群发的模板已不存在</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>the template needs values for: %1</source>
        <translation>模板需要以下取值：%1</translation>
    </message>
    <message>
        <source>the built-in sandbox is not running</source>
        <translation>内置沙箱未在运行</translation>
    </message>
    <message>
        <source>the app&apos;s upstream URL is invalid: %1</source>
        <translation>该应用的上游 URL 无效：%1</translation>
    </message>
    <message>
        <source>no AppSecret is stored for the app %1; set it on the Apps page</source>
        <translation>应用 %1 未保存 AppSecret；请在“应用”页设置</translation>
    </message>
    <message>
        <source>If that is a sandbox, start it with: pushdesk sandbox --port %1</source>
        <translation>如果那是沙箱，请用以下命令启动：pushdesk sandbox --port %1</translation>
    </message>
    <message>
        <source>the broadcast was cancelled</source>
        <translation>群发已取消</translation>
    </message>
    <message>
        <source>blocked by the content check: %1</source>
        <translation>被内容安全检测拦截：%1</translation>
    </message>
    <message>
        <source>held for an operator&apos;s approval: %1</source>
        <translation>等待操作员批准：%1</translation>
    </message>
    <message>
        <source>the broadcast&apos;s audience cannot be read; create the broadcast again</source>
        <translation>无法读取群发的受众；请重新创建群发</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>the upstream refuses the app&apos;s setup (%1 %2); fix it, then resume</source>
        <translation>上游拒绝了该应用的配置（%1 %2）；请修正后再继续</translation>
    </message>
    <message>
        <source>%1; resume once the upstream gives a token again</source>
        <translation>%1；上游重新发放 access token 后再继续</translation>
    </message>
    <message>
        <source>the keychain cannot give the app&apos;s secrets (%1); unlock it, then resume</source>
        <translation>钥匙串无法提供该应用的密钥（%1）；解锁后再继续</translation>
    </message>
</context>
<context>
    <name>pushdesk::BroadcastsPage</name>
    <message>
        <source>All statuses</source>
        <translation>所有状态</translation>
    </message>
    <message>
        <source>No broadcasts yet — press “New broadcast…” to compose one.</source>
        <translation>还没有群发——点击“新建群发…”撰写一条。</translation>
    </message>
    <message>
        <source>No broadcast matches these filters.</source>
        <translation>没有符合这些筛选条件的群发。</translation>
    </message>
    <message numerus="yes">
        <source>%n broadcast(s)</source>
        <translation>
            <numerusform>%n 条群发</numerusform>
        </translation>
    </message>
    <message>
        <source>Broadcast</source>
        <translation>群发</translation>
    </message>
    <message>
        <source>Uncertain deliveries (for review): none.</source>
        <translation>不确定的投递（待核查）：无。</translation>
    </message>
    <message>
        <source>Select a broadcast to see its details and act on it.</source>
        <translation>选择一条群发以查看详情并进行操作。</translation>
    </message>
    <message>
        <source>That broadcast no longer exists.</source>
        <translation>该群发已不存在。</translation>
    </message>
    <message>
        <source>Cannot read the broadcast: %1</source>
        <translation>无法读取群发：%1</translation>
    </message>
    <message>
        <source>Broadcast #%1</source>
        <translation>群发 #%1</translation>
    </message>
    <message>
        <source>not checked</source>
        <translation>未检测</translation>
    </message>
    <message>
        <source>at once</source>
        <translation>立即</translation>
    </message>
    <message numerus="yes">
        <source>%n uncertain delivery(s) for review: the request left, but no answer was recorded. The recipient may or may not have the message.</source>
        <translation>
            <numerusform>%n 条不确定的投递待核查：请求已发出，但没有记录到应答。收件人可能收到了消息，也可能没有。</numerusform>
        </translation>
    </message>
    <message>
        <source>Broadcast #%1 — %2, template %3</source>
        <translation>群发 #%1 — %2，模板 %3</translation>
    </message>
    <message>
        <source>This window has no engine: use the command line (pushdesk pause / resume / cancel / retry).</source>
        <translation>此窗口没有引擎：请使用命令行（pushdesk pause / resume / cancel / retry）。</translation>
    </message>
    <message>
        <source>Pausing… requests already on their way finish first.</source>
        <translation>正在暂停…已发出的请求会先完成。</translation>
    </message>
    <message>
        <source>Resuming…</source>
        <translation>正在继续…</translation>
    </message>
    <message>
        <source>Cancelling… requests already on their way finish first.</source>
        <translation>正在取消…已发出的请求会先完成。</translation>
    </message>
    <message numerus="yes">
        <source>Retrying %n failed delivery(s)…</source>
        <translation>
            <numerusform>正在重试 %n 条失败的投递…</numerusform>
        </translation>
    </message>
    <message>
        <source>Re-send uncertain deliveries?</source>
        <translation>重发不确定的投递？</translation>
    </message>
    <message numerus="yes">
        <source>%n recipient(s) may already have this message. Send it to them again?</source>
        <translation>
            <numerusform>%n 位收件人可能已收到这条消息。要再次发送给他们吗？</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Re-sending %n uncertain delivery(s)…</source>
        <translation>
            <numerusform>正在重发 %n 条不确定的投递…</numerusform>
        </translation>
    </message>
    <message>
        <source>unreadable (sends to nobody)</source>
        <translation>无法读取（不发送给任何人）</translation>
    </message>
    <message>
        <source>tagged %1</source>
        <comment>any of these tags</comment>
        <translation>带有标签 %1</translation>
    </message>
    <message>
        <source> or </source>
        <comment>between tags</comment>
        <translation> 或 </translation>
    </message>
    <message>
        <source>list “%1”</source>
        <translation>名单“%1”</translation>
    </message>
    <message>
        <source>one subscriber: %1</source>
        <translation>单个订阅者：%1</translation>
    </message>
    <message>
        <source>all bound subscribers</source>
        <translation>所有已绑定的订阅者</translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s) · %1 sent · %2 to inbox · %3 skipped · %4 failed · %5 uncertain · %6 pending</source>
        <translation>
            <numerusform>%Ln 位收件人 · 已发送 %1 · 进收件箱 %2 · 已跳过 %3 · 失败 %4 · 不确定 %5 · 待发送 %6</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pushdesk::CallbackHost</name>
    <message>
        <source>The receiver of user messages already listens on port %1.</source>
        <translation>用户消息接收器已在端口 %1 上监听。</translation>
    </message>
</context>
<context>
    <name>pushdesk::ComplaintsPage</name>
    <message>
        <source>&amp;Show:</source>
        <translation>显示(&amp;S)：</translation>
    </message>
    <message>
        <source>Open (review queue)</source>
        <translation>待处理（审核队列）</translation>
    </message>
    <message>
        <source>Upheld</source>
        <translation>投诉成立</translation>
    </message>
    <message>
        <source>Dismissed</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <source>All complaints</source>
        <translation>所有投诉</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <source>Why you decided so (required to dismiss)</source>
        <translation>做出此决定的理由（驳回时必填）</translation>
    </message>
    <message>
        <source>Deduct other &amp;points:</source>
        <translation>改为扣除分数(&amp;P)：</translation>
    </message>
    <message>
        <source>Leave unchecked to deduct the points the penalty rules give the category</source>
        <translation>不勾选则按处罚规则为该分类规定的分数扣分</translation>
    </message>
    <message>
        <source>&amp;Uphold</source>
        <translation>投诉成立(&amp;U)</translation>
    </message>
    <message>
        <source>The complaint is right: deduct the app&apos;s points</source>
        <translation>投诉属实：扣除该应用的信用分</translation>
    </message>
    <message>
        <source>&amp;Dismiss</source>
        <translation>驳回(&amp;D)</translation>
    </message>
    <message>
        <source>The complaint is unfounded: close it without a penalty</source>
        <translation>投诉不成立：关闭投诉，不做处罚</translation>
    </message>
    <message>
        <source>Nothing to review: no complaint is open.</source>
        <translation>没有待审核的内容：没有待处理的投诉。</translation>
    </message>
    <message>
        <source>No complaints yet.</source>
        <translation>还没有投诉。</translation>
    </message>
    <message>
        <source>No complaint has this status.</source>
        <translation>没有处于此状态的投诉。</translation>
    </message>
    <message numerus="yes">
        <source>%n complaint(s)</source>
        <translation>
            <numerusform>%n 条投诉</numerusform>
        </translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Select a complaint to see the message it is about.</source>
        <translation>选择一条投诉以查看被投诉的消息。</translation>
    </message>
    <message>
        <source>That complaint no longer exists.</source>
        <translation>该投诉已不存在。</translation>
    </message>
    <message>
        <source>Cannot read the complaint: %1</source>
        <translation>无法读取投诉：%1</translation>
    </message>
    <message>
        <source>App %1</source>
        <translation>应用 %1</translation>
    </message>
    <message>
        <source>App: %1</source>
        <translation>应用：%1</translation>
    </message>
    <message>
        <source>Category: %1</source>
        <translation>分类：%1</translation>
    </message>
    <message>
        <source>Filed: %1</source>
        <translation>提交时间：%1</translation>
    </message>
    <message>
        <source>Broadcast #%1, template “%2”</source>
        <translation>群发 #%1，模板“%2”</translation>
    </message>
    <message>
        <source>Broadcast #%1</source>
        <translation>群发 #%1</translation>
    </message>
    <message>
        <source>Delivery #%1 to %2: %3 via %4</source>
        <translation>投递 #%1，收件人 %2：%3，经由 %4</translation>
    </message>
    <message>
        <source>Upstream said: %1 (%2)</source>
        <translation>上游应答：%1（%2）</translation>
    </message>
    <message>
        <source>Delivery #%1</source>
        <translation>投递 #%1</translation>
    </message>
    <message>
        <source>Complaint: %1</source>
        <translation>投诉内容：%1</translation>
    </message>
    <message>
        <source>(no text)</source>
        <translation>（无文字）</translation>
    </message>
    <message>
        <source>%1 by %2 on %3: %4</source>
        <translation>%1（%2，%3）：%4</translation>
    </message>
    <message>
        <source>(no note)</source>
        <translation>（无备注）</translation>
    </message>
    <message>
        <source>Complaint #%1</source>
        <translation>投诉 #%1</translation>
    </message>
    <message>
        <source>Upheld: credit score %1 → %2.</source>
        <translation>投诉成立：信用分 %1 → %2。</translation>
    </message>
    <message>
        <source>The app is banned.</source>
        <translation>该应用已被封禁。</translation>
    </message>
    <message>
        <source>The app is suspended until %1.</source>
        <translation>该应用被暂停发送至 %1。</translation>
    </message>
    <message>
        <source>Cannot uphold the complaint: %1</source>
        <translation>无法判定投诉成立：%1</translation>
    </message>
    <message>
        <source>Write a note that says why the complaint is dismissed.</source>
        <translation>请填写备注，说明驳回投诉的理由。</translation>
    </message>
    <message>
        <source>Cannot dismiss the complaint: %1</source>
        <translation>无法驳回投诉：%1</translation>
    </message>
    <message>
        <source>Dismissed: complaint #%1 is closed without a penalty.</source>
        <translation>已驳回：投诉 #%1 已关闭，未做处罚。</translation>
    </message>
</context>
<context>
    <name>pushdesk::ComposerPage</name>
    <message>
        <source>Cannot read the apps: %1</source>
        <translation>无法读取应用：%1</translation>
    </message>
    <message>
        <source>No app can send yet — add one on the Apps page, or run “pushdesk demo”.</source>
        <translation>还没有可以发送的应用——请在“应用”页添加，或运行“pushdesk demo”。</translation>
    </message>
    <message>
        <source>Cannot read the templates: %1</source>
        <translation>无法读取模板：%1</translation>
    </message>
    <message>
        <source>This app has no templates yet — add one on the Templates page.</source>
        <translation>此应用还没有模板——请在“模板”页添加。</translation>
    </message>
    <message>
        <source>Cannot read the template: %1</source>
        <translation>无法读取模板：%1</translation>
    </message>
    <message>
        <source>Create the broadcast and start sending now</source>
        <translation>创建群发并立即开始发送</translation>
    </message>
    <message>
        <source>This window has no engine: use “pushdesk send” or “pushdesk worker”.</source>
        <translation>此窗口没有引擎：请使用“pushdesk send”或“pushdesk worker”。</translation>
    </message>
    <message>
        <source>This template needs no values: everything comes from each recipient.</source>
        <translation>此模板不需要填写取值：所有内容都来自每位收件人。</translation>
    </message>
    <message>
        <source>&amp;Values for this broadcast:</source>
        <translation>本次群发的取值(&amp;V)：</translation>
    </message>
    <message>
        <source>Type the value of {{%1}}</source>
        <translation>输入 {{%1}} 的取值</translation>
    </message>
    <message>
        <source>Alex Sample</source>
        <translation>张三</translation>
    </message>
    <message>
        <source>Cannot count the audience: %1</source>
        <translation>无法统计受众：%1</translation>
    </message>
    <message>
        <source>Nobody has bound this app with reminders on yet: nothing would be sent.</source>
        <translation>还没有人绑定此应用并开启提醒：不会发送任何消息。</translation>
    </message>
    <message numerus="yes">
        <source>%n subscriber(s) bound this app with reminders on.</source>
        <translation>
            <numerusform>%n 位订阅者绑定了此应用并开启了提醒。</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot count the recipients: %1</source>
        <translation>无法统计收件人：%1</translation>
    </message>
    <message>
        <source>%1 push · %2 inbox only · %3 skipped</source>
        <translation>推送 %1 · 仅收件箱 %2 · 跳过 %3</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>skip reason: count</comment>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>counts (skip reasons)</comment>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Choose an app and one of its templates first.</source>
        <translation>请先选择一个应用及其模板。</translation>
    </message>
    <message numerus="yes">
        <source>Dry run: %n recipient(s) in the audience; nothing was sent or stored.</source>
        <translation>
            <numerusform>试运行：受众中有 %n 位收件人；未发送也未保存任何内容。</numerusform>
        </translation>
    </message>
    <message>
        <source>Still missing: %1.</source>
        <translation>仍缺少：%1。</translation>
    </message>
    <message numerus="yes">
        <source>%n field(s) are over their channel’s limit for the sample recipient.</source>
        <translation>
            <numerusform>对示例收件人而言，有 %n 个字段超出了其渠道的限制。</numerusform>
        </translation>
    </message>
    <message>
        <source>Preview:</source>
        <translation>预览：</translation>
    </message>
    <message>
        <source>Choose a template to see its preview.</source>
        <translation>选择模板以查看预览。</translation>
    </message>
    <message>
        <source>Preview for %1, the first subscriber in the audience:</source>
        <translation>%1 的预览（受众中的第一位订阅者）：</translation>
    </message>
    <message>
        <source>Preview for a sample subscriber:</source>
        <translation>示例订阅者的预览：</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>channel: problem</comment>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>This broadcast goes to %1 subscribers of %2 at %3. Schedule it?</source>
        <comment>%1 is always large</comment>
        <translation>此群发将于 %3 发给 %2 的 %1 位订阅者。要定时发送吗？</translation>
    </message>
    <message>
        <source>This broadcast goes to %1 subscribers of %2. Send it now?</source>
        <comment>%1 is always large</comment>
        <translation>此群发将发给 %2 的 %1 位订阅者。现在发送吗？</translation>
    </message>
    <message>
        <source>Send the broadcast?</source>
        <translation>发送群发？</translation>
    </message>
    <message>
        <source>Nothing was sent.</source>
        <translation>未发送任何内容。</translation>
    </message>
    <message>
        <source>Broadcast #%1 — %2, template %3</source>
        <translation>群发 #%1 — %2，模板 %3</translation>
    </message>
    <message>
        <source>Choose a time in the future, or press Send to send now.</source>
        <translation>请选择将来的时间，或点击“发送”立即发送。</translation>
    </message>
    <message>
        <source>Broadcast #%1 is scheduled for %2; an engine starts it then (this console, or “pushdesk worker”).</source>
        <translation>群发 #%1 已定时于 %2；届时由引擎启动（本控制台或“pushdesk worker”）。</translation>
    </message>
    <message>
        <source>Bound subscribers with any of the tags you type</source>
        <translation>带有您输入的任一标签的已绑定订阅者</translation>
    </message>
    <message>
        <source>Bound subscribers on a list imported from a CSV file</source>
        <translation>从 CSV 文件导入的名单中的已绑定订阅者</translation>
    </message>
    <message>
        <source>One bound subscriber, found by openid or nickname</source>
        <translation>按 openid 或昵称找到的单个已绑定订阅者</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n people)</source>
        <translation>
            <numerusform>%1（%n 人）</numerusform>
        </translation>
    </message>
    <message>
        <source>No lists yet: import one</source>
        <translation>还没有名单：请导入一个</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <comment>openid — nickname</comment>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Type one or more tags, separated by commas.</source>
        <translation>请输入一个或多个标签，以逗号分隔。</translation>
    </message>
    <message>
        <source>Choose a list, or import one with “Import list…”.</source>
        <translation>请选择一个名单，或用“导入名单…”导入一个。</translation>
    </message>
    <message>
        <source>Type the start of an openid or nickname and pick the subscriber.</source>
        <translation>请输入 openid 或昵称的开头，然后选择订阅者。</translation>
    </message>
    <message>
        <source>Nobody in this audience has bound this app with reminders on: nothing would be sent.</source>
        <translation>该受众中没有人绑定此应用并开启提醒：不会发送任何消息。</translation>
    </message>
    <message numerus="yes">
        <source>%n of the people this audience names have not bound this app with reminders on and get nothing.</source>
        <translation>
            <numerusform>该受众指定的人中有 %n 人未绑定此应用或未开启提醒，不会收到任何消息。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pushdesk::DashboardPage</name>
    <message>
        <source>Cannot read the figures: %1</source>
        <translation>无法读取数据：%1</translation>
    </message>
    <message>
        <source>nothing yet</source>
        <translation>暂无</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>count, state</comment>
        <translation>%2 %1</translation>
    </message>
    <message>
        <source>As of %1</source>
        <translation>截至 %1</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message numerus="yes">
        <source>%n open complaint(s) to review</source>
        <translation>
            <numerusform>%n 条待审核的投诉</numerusform>
        </translation>
    </message>
    <message>
        <source>Every app has a credit score of %1 or more.</source>
        <translation>所有应用的信用分都不低于 %1。</translation>
    </message>
    <message>
        <source>#%1</source>
        <translation>#%1</translation>
    </message>
    <message>
        <source>due %1</source>
        <translation>计划于 %1</translation>
    </message>
    <message>
        <source>due now</source>
        <translation>立即到期</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Nothing is running or scheduled — compose a broadcast on the Broadcasts page.</source>
        <translation>没有进行中或已定时的群发——请在“群发”页撰写一条。</translation>
    </message>
    <message numerus="yes">
        <source>Deliveries, last %n day(s)</source>
        <translation>
            <numerusform>投递，最近 %n 天</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Failures by errcode, last %n day(s)</source>
        <translation>
            <numerusform>按 errcode 统计的失败，最近 %n 天</numerusform>
        </translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>none (network)</source>
        <translation>无（网络错误）</translation>
    </message>
    <message>
        <source>no failures</source>
        <translation>没有失败</translation>
    </message>
</context>
<context>
    <name>pushdesk::DeliveryJob</name>
    <message>
        <source>the template has no mini-program message</source>
        <translation>模板没有小程序消息</translation>
    </message>
    <message>
        <source>no send credit</source>
        <translation>没有发送凭证</translation>
    </message>
    <message>
        <source>no webhook signing secret is stored for the app</source>
        <translation>该应用未保存 Webhook 签名密钥</translation>
    </message>
    <message>
        <source>the app has no SMTP server</source>
        <translation>该应用没有 SMTP 服务器</translation>
    </message>
    <message>
        <source>the app has no WeChat credentials</source>
        <translation>该应用没有微信凭据</translation>
    </message>
    <message>
        <source>the upstream&apos;s daily quota is spent</source>
        <translation>上游的每日配额已用完</translation>
    </message>
    <message>
        <source>outside the customer-service window and the template has no WeChat template id</source>
        <translation>不在客服消息窗口内，且模板没有微信模板 ID</translation>
    </message>
    <message>
        <source>the upstream refuses the app&apos;s setup</source>
        <translation>上游拒绝了该应用的配置</translation>
    </message>
    <message>
        <source>refused the subscribe message (43101) and is outside the customer-service window</source>
        <translation>拒收订阅消息（43101），且不在客服消息窗口内</translation>
    </message>
</context>
<context>
    <name>pushdesk::DemoData</name>
    <message>
        <source>The database already holds apps; demo data goes into a new database (choose another --db).</source>
        <translation>数据库中已有应用；演示数据需要写入新的数据库（请选择其他 --db）。</translation>
    </message>
    <message>
        <source>--subscribers must be between 0 and 10000000.</source>
        <translation>--subscribers 必须在 0 到 10000000 之间。</translation>
    </message>
</context>
<context>
    <name>pushdesk::FailureModel</name>
    <message>
        <source>Recipient</source>
        <translation>收件人</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Errcode</source>
        <translation>errcode</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>pushdesk::ImportDialog</name>
    <message>
        <source>Import CSV</source>
        <translation>导入 CSV</translation>
    </message>
    <message>
        <source>Subscribers</source>
        <translation>订阅者</translation>
    </message>
    <message>
        <source>Bindings</source>
        <translation>绑定</translation>
    </message>
    <message>
        <source>Subscriber events</source>
        <translation>订阅者事件</translation>
    </message>
    <message>
        <source>Send credits</source>
        <translation>发送凭证</translation>
    </message>
    <message>
        <source>&amp;Contents:</source>
        <translation>内容(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;App:</source>
        <translation>应用(&amp;A)：</translation>
    </message>
    <message>
        <source>(named in the file)</source>
        <translation>（以文件中的为准）</translation>
    </message>
    <message>
        <source>The app for rows that leave the app column empty; subscribers are also bound to it</source>
        <translation>用于 app 列为空的行的应用；订阅者也会绑定到该应用</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>文件(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>Columns: %1 (the first is required).</source>
        <translation>列：%1（第一列必填）。</translation>
    </message>
    <message>
        <source>C&amp;heck</source>
        <translation>检查(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <source>Check the file to see what it would import and what is wrong with it.</source>
        <translation>检查文件，查看将导入哪些内容以及文件有哪些问题。</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
    <message numerus="yes">
        <source>No problems: %n row(s) ready to import.</source>
        <translation>
            <numerusform>没有问题：%n 行可以导入。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n row(s).</source>
        <translation>
            <numerusform>已导入 %n 行。</numerusform>
        </translation>
    </message>
    <message>
        <source>New: %1 · updated: %2 · bindings made: %3</source>
        <translation>新增：%1 · 更新：%2 · 新建绑定：%3</translation>
    </message>
    <message numerus="yes">
        <source>%n subscriber(s) who opted out stay opted out.</source>
        <translation>
            <numerusform>%n 位已退订的订阅者仍保持退订。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s): nothing will be imported until they are fixed.</source>
        <translation>
            <numerusform>%n 个问题：修正之前不会导入任何内容。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %n more.</source>
        <translation>
            <numerusform>……还有 %n 个。</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose a CSV file first.</source>
        <translation>请先选择一个 CSV 文件。</translation>
    </message>
    <message>
        <source>Cannot check the file: %1</source>
        <translation>无法检查文件：%1</translation>
    </message>
    <message>
        <source>Nothing was imported: %1</source>
        <translation>未导入任何内容：%1</translation>
    </message>
    <message>
        <source>Audience list</source>
        <translation>受众名单</translation>
    </message>
    <message>
        <source>List &amp;name:</source>
        <translation>名单名称(&amp;N)：</translation>
    </message>
    <message>
        <source>for example: March customers</source>
        <translation>例如：三月客户</translation>
    </message>
    <message>
        <source>Columns: %1 (any of them; each row names one known subscriber).</source>
        <translation>列：%1（任选其一；每行指定一位已知订阅者）。</translation>
    </message>
    <message numerus="yes">
        <source>No problems: the list “%1” would have %n subscriber(s).</source>
        <translation>
            <numerusform>没有问题：名单“%1”将包含 %n 位订阅者。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The list “%1” was made with %n subscriber(s).</source>
        <translation>
            <numerusform>已创建名单“%1”，包含 %n 位订阅者。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pushdesk::ListingModel</name>
    <message>
        <source>%1 (not sortable)</source>
        <translation>%1（不可排序）</translation>
    </message>
</context>
<context>
    <name>pushdesk::MainWindow</name>
    <message>
        <source>Broadcast #%1 started.</source>
        <translation>群发 #%1 已开始。</translation>
    </message>
    <message>
        <source>Broadcast #%1 is scheduled for %2.</source>
        <translation>群发 #%1 已定时于 %2。</translation>
    </message>
    <message>
        <source>Pushdesk</source>
        <translation>Pushdesk</translation>
    </message>
    <message>
        <source>The engine stopped: %1</source>
        <translation>引擎已停止：%1</translation>
    </message>
    <message>
        <source>Broadcast #%1: %2</source>
        <translation>群发 #%1：%2</translation>
    </message>
    <message>
        <source>This window has no engine: broadcasts cannot be sent from it.</source>
        <translation>此窗口没有引擎：无法从这里发送群发。</translation>
    </message>
    <message>
        <source>This page has nothing to search.</source>
        <translation>此页面没有可搜索的内容。</translation>
    </message>
    <message>
        <source>Broadcast #%1 %2: %3 sent, %4 to inbox, %5 skipped, %6 failed.</source>
        <translation>群发 #%1 %2：已发送 %3，收件箱 %4，已跳过 %5，失败 %6。</translation>
    </message>
    <message>
        <source>Broadcast #%1</source>
        <translation>群发 #%1</translation>
    </message>
</context>
<context>
    <name>pushdesk::PenaltyHistory</name>
    <message>
        <source>Credit history and penalties</source>
        <translation>信用记录与处罚</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Penalty</source>
        <translation>处罚</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>信用分</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Decided by</source>
        <translation>决定人</translation>
    </message>
    <message>
        <source>Lifted</source>
        <translation>解除</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>原因(&amp;R)：</translation>
    </message>
    <message>
        <source>Why — required for every manual action</source>
        <translation>原因——每项手动操作都必须填写</translation>
    </message>
    <message>
        <source>&amp;Points:</source>
        <translation>分数(&amp;P)：</translation>
    </message>
    <message>
        <source>D&amp;ays:</source>
        <translation>天数(&amp;A)：</translation>
    </message>
    <message>
        <source>De&amp;duct points</source>
        <translation>扣分(&amp;D)</translation>
    </message>
    <message>
        <source>Sus&amp;pend</source>
        <translation>暂停发送(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Ban</source>
        <translation>封禁(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Lift ban</source>
        <translation>解除封禁(&amp;L)</translation>
    </message>
    <message>
        <source>An admin lifts the ban with a reason; the credit score stays as it is</source>
        <translation>由管理员填写原因后解除封禁；信用分保持不变</translation>
    </message>
    <message>
        <source>Cannot read the credit history: %1</source>
        <translation>无法读取信用记录：%1</translation>
    </message>
    <message numerus="yes">
        <source>−%n point(s)</source>
        <translation>
            <numerusform>−%n 分</numerusform>
        </translation>
    </message>
    <message>
        <source>Suspended until %1</source>
        <translation>暂停发送至 %1</translation>
    </message>
    <message>
        <source>Banned</source>
        <translation>已封禁</translation>
    </message>
    <message>
        <source>By hand</source>
        <translation>手动</translation>
    </message>
    <message>
        <source>#%1 %2: %3</source>
        <translation>#%1 %2：%3</translation>
    </message>
    <message>
        <source>#%1</source>
        <translation>#%1</translation>
    </message>
    <message>
        <source>%1 by %2: %3</source>
        <translation>%1（%2）：%3</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>Penalize the app?</source>
        <translation>处罚该应用？</translation>
    </message>
    <message>
        <source>Credit score %1 → %2.</source>
        <translation>信用分 %1 → %2。</translation>
    </message>
    <message>
        <source>The app is banned.</source>
        <translation>该应用已被封禁。</translation>
    </message>
    <message>
        <source>The app is suspended until %1.</source>
        <translation>该应用被暂停发送至 %1。</translation>
    </message>
    <message numerus="yes">
        <source>Deduct %n point(s) from the app&apos;s credit score?</source>
        <translation>
            <numerusform>从该应用的信用分中扣除 %n 分？</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot deduct the points: %1</source>
        <translation>无法扣分：%1</translation>
    </message>
    <message numerus="yes">
        <source>Suspend the app for %n day(s)? It cannot send meanwhile.</source>
        <translation>
            <numerusform>暂停该应用发送 %n 天？在此期间它无法发送消息。</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot suspend the app: %1</source>
        <translation>无法暂停该应用：%1</translation>
    </message>
    <message>
        <source>Ban the app? It cannot send until an admin lifts the ban.</source>
        <translation>封禁该应用？在管理员解除封禁之前它无法发送消息。</translation>
    </message>
    <message>
        <source>Cannot ban the app: %1</source>
        <translation>无法封禁该应用：%1</translation>
    </message>
    <message>
        <source>Lift the ban?</source>
        <translation>解除封禁？</translation>
    </message>
    <message>
        <source>Lift the ban? The app may send again.</source>
        <translation>解除封禁？该应用将可以重新发送消息。</translation>
    </message>
    <message>
        <source>Cannot lift the ban: %1</source>
        <translation>无法解除封禁：%1</translation>
    </message>
    <message>
        <source>The ban is lifted.</source>
        <translation>封禁已解除。</translation>
    </message>
</context>
<context>
    <name>pushdesk::SandboxSeed</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Cannot read the sandbox state %1: %2</source>
        <translation>无法读取沙箱状态 %1：%2</translation>
    </message>
    <message>
        <source>The sandbox state %1 is damaged (%2); delete it and run pushdesk demo again.</source>
        <translation>沙箱状态 %1 已损坏（%2）；请删除它并重新运行 pushdesk demo。</translation>
    </message>
</context>
<context>
    <name>pushdesk::SendLogPage</name>
    <message>
        <source>All states</source>
        <translation>所有状态</translation>
    </message>
    <message>
        <source>All channels</source>
        <translation>所有渠道</translation>
    </message>
    <message>
        <source>All broadcasts</source>
        <translation>所有群发</translation>
    </message>
    <message>
        <source>Cannot read the broadcasts: %1</source>
        <translation>无法读取群发：%1</translation>
    </message>
    <message>
        <source>#%1 · %2 · %3 · %4 · %5</source>
        <translation>#%1 · %2 · %3 · %4 · %5</translation>
    </message>
    <message>
        <source>#%1</source>
        <translation>#%1</translation>
    </message>
    <message>
        <source>Export the send log</source>
        <translation>导出发送日志</translation>
    </message>
    <message>
        <source>send-log.csv</source>
        <translation>发送日志.csv</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>The export failed: %1 Nothing was written.</source>
        <translation>导出失败：%1 未写入任何内容。</translation>
    </message>
    <message numerus="yes">
        <source>%n delivery(s) exported to %1.</source>
        <translation>
            <numerusform>已将 %n 条投递导出到 %1。</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing has been sent yet — compose a broadcast on the Broadcasts page.</source>
        <translation>还没有发送过任何内容——请在“群发”页撰写一条群发。</translation>
    </message>
    <message>
        <source>No delivery matches these filters.</source>
        <translation>没有符合这些筛选条件的投递。</translation>
    </message>
    <message>
        <source>No delivery matches these filters — “Clear filters” shows them all.</source>
        <translation>没有符合这些筛选条件的投递——点击“清除筛选”显示全部。</translation>
    </message>
    <message numerus="yes">
        <source>%n delivery(s)</source>
        <translation>
            <numerusform>%n 条投递</numerusform>
        </translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>投递</translation>
    </message>
    <message>
        <source>Select a delivery to see what the upstream answered.</source>
        <translation>选择一条投递以查看上游的应答。</translation>
    </message>
    <message>
        <source>That delivery no longer exists.</source>
        <translation>该投递已不存在。</translation>
    </message>
    <message>
        <source>Cannot read the delivery: %1</source>
        <translation>无法读取投递：%1</translation>
    </message>
    <message>
        <source>Delivery %1</source>
        <translation>投递 %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>more than %1 deliveries</source>
        <comment>%1 is always large</comment>
        <translation>超过 %1 条投递</translation>
    </message>
</context>
<context>
    <name>pushdesk::SettingsPage</name>
    <message>
        <source>Choose another database with “pushdesk --db FILE”.</source>
        <translation>如需使用其他数据库，请运行“pushdesk --db FILE”。</translation>
    </message>
    <message>
        <source>not checked yet</source>
        <translation>尚未检查</translation>
    </message>
    <message>
        <source>available</source>
        <translation>可用</translation>
    </message>
    <message>
        <source>not available: %1</source>
        <translation>不可用：%1</translation>
    </message>
    <message>
        <source>App secrets cannot be saved until the keychain answers: unlock it, or start a Secret Service (e.g. GNOME Keyring or KWallet).</source>
        <translation>钥匙串响应之前无法保存应用密钥：请解锁钥匙串，或启动 Secret Service（例如 GNOME Keyring 或 KWallet）。</translation>
    </message>
    <message>
        <source>Type an operator name: it is recorded with every broadcast you create.</source>
        <translation>请输入操作员姓名：它会记录在您创建的每条群发中。</translation>
    </message>
    <message>
        <source>Saved. The engine window changes at the next start.</source>
        <translation>已保存。引擎窗口将在下次启动时更改。</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>The console speaks %1 now.</source>
        <translation>控制台现在使用%1。</translation>
    </message>
    <message>
        <source>Database file</source>
        <translation>数据库文件</translation>
    </message>
    <message>
        <source>SQLite databases (*.db);;All files (*)</source>
        <translation>SQLite 数据库 (*.db);;所有文件 (*)</translation>
    </message>
    <message>
        <source>SQLite file (one person)</source>
        <translation>SQLite 文件（个人使用）</translation>
    </message>
    <message>
        <source>PostgreSQL server (a team)</source>
        <translation>PostgreSQL 服务器（团队使用）</translation>
    </message>
    <message>
        <source>Choose the database file.</source>
        <translation>请选择数据库文件。</translation>
    </message>
    <message>
        <source>Type the host name or address of the PostgreSQL server.</source>
        <translation>请输入 PostgreSQL 服务器的主机名或地址。</translation>
    </message>
    <message>
        <source>Type the name of the database on the server.</source>
        <translation>请输入服务器上数据库的名称。</translation>
    </message>
    <message>
        <source>Type the user name Pushdesk connects as.</source>
        <translation>请输入 Pushdesk 连接时使用的用户名。</translation>
    </message>
    <message>
        <source>Type it to keep it in the keychain</source>
        <translation>输入后将保存到钥匙串</translation>
    </message>
    <message>
        <source>Kept in the keychain; type a new one to replace it</source>
        <translation>已保存在钥匙串中；输入新密码即可替换</translation>
    </message>
    <message>
        <source>The password could not be kept in the keychain, so nothing was changed: %1</source>
        <translation>无法将密码保存到钥匙串，因此未做任何更改：%1</translation>
    </message>
    <message>
        <source>Saved: Pushdesk opens %1 at its next start. No password is kept for it: type it here, or set PGPASSWORD or ~/.pgpass.</source>
        <translation>已保存：Pushdesk 会在下次启动时打开 %1。未为其保存密码：请在此输入，或设置 PGPASSWORD 或 ~/.pgpass。</translation>
    </message>
    <message>
        <source>Saved: Pushdesk opens %1 at its next start.</source>
        <translation>已保存：Pushdesk 会在下次启动时打开 %1。</translation>
    </message>
</context>
<context>
    <name>pushdesk::SmtpSender</name>
    <message>
        <source>cannot initialise libcurl</source>
        <translation>无法初始化 libcurl</translation>
    </message>
    <message>
        <source>the SMTP server does not offer STARTTLS, so the password is not sent; use smtps:// or a server with TLS</source>
        <translation>SMTP 服务器不支持 STARTTLS，因此不会发送密码；请使用 smtps:// 或支持 TLS 的服务器</translation>
    </message>
</context>
<context>
    <name>pushdesk::SubscribersPage</name>
    <message>
        <source>No subscribers yet — run “pushdesk demo” or import a CSV with “pushdesk import”.</source>
        <translation>还没有订阅者——运行“pushdesk demo”，或用“pushdesk import”导入 CSV。</translation>
    </message>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n 条匹配</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n subscriber(s)</source>
        <translation>
            <numerusform>%n 位订阅者</numerusform>
        </translation>
    </message>
    <message>
        <source>Subscriber</source>
        <translation>订阅者</translation>
    </message>
    <message>
        <source>Select a subscriber to see their details and bindings.</source>
        <translation>选择一位订阅者以查看其详情和绑定。</translation>
    </message>
    <message>
        <source>That subscriber no longer exists.</source>
        <translation>该订阅者已不存在。</translation>
    </message>
    <message>
        <source>Cannot read the subscriber: %1</source>
        <translation>无法读取订阅者：%1</translation>
    </message>
    <message>
        <source>Subscriber %1</source>
        <translation>订阅者 %1</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1（服务器 %2）</translation>
    </message>
    <message>
        <source>No — opted out of every app (replied 0)</source>
        <translation>否——已退订所有应用（回复了 0）</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>Cannot read the bindings: %1</source>
        <translation>无法读取绑定：%1</translation>
    </message>
    <message>
        <source>Not bound to any app: nobody can push to them.</source>
        <translation>未绑定任何应用：无人能向其推送。</translation>
    </message>
    <message>
        <source>App %1</source>
        <translation>应用 %1</translation>
    </message>
    <message>
        <source>Select a binding to change first.</source>
        <translation>请先选择要修改的绑定。</translation>
    </message>
    <message>
        <source>Nothing to change: the binding is already so.</source>
        <translation>无需修改：绑定已经是这样。</translation>
    </message>
    <message>
        <source>Cannot change the binding: %1</source>
        <translation>无法修改绑定：%1</translation>
    </message>
    <message>
        <source>The binding is now %1 with a %2 reminder.</source>
        <translation>绑定现为“%1”，提醒级别为“%2”。</translation>
    </message>
    <message>
        <source>No subscriber&apos;s openid, nickname or e-mail begins with “%1”, and nobody has that tag.</source>
        <translation>没有订阅者的 openid、昵称或邮箱以“%1”开头，也没有人带有该标签。</translation>
    </message>
    <message>
        <source>more than %1 matches</source>
        <comment>%1 is always large</comment>
        <translation>超过 %1 个匹配项</translation>
    </message>
</context>
<context>
    <name>pushdesk::TemplatesPage</name>
    <message>
        <source>Cannot read the apps: %1</source>
        <translation>无法读取应用：%1</translation>
    </message>
    <message>
        <source>New template</source>
        <translation>新建模板</translation>
    </message>
    <message>
        <source>Add an app on the Apps page first: every template belongs to an app.</source>
        <translation>请先在“应用”页添加应用：每个模板都属于一个应用。</translation>
    </message>
    <message>
        <source>That template no longer exists.</source>
        <translation>该模板已不存在。</translation>
    </message>
    <message>
        <source>Cannot read the template: %1</source>
        <translation>无法读取模板：%1</translation>
    </message>
    <message>
        <source>No placeholders: every recipient gets the same text.</source>
        <translation>没有占位符：所有收件人收到相同的文本。</translation>
    </message>
    <message>
        <source>Placeholders: %1 — all filled from each recipient.</source>
        <translation>占位符：%1——全部按每位收件人填充。</translation>
    </message>
    <message>
        <source>Placeholders: %1 — the composer asks for %2; nickname, openid and email come from each recipient.</source>
        <translation>占位符：%1——撰写页会要求填写 %2；nickname、openid 和 email 来自每位收件人。</translation>
    </message>
    <message>
        <source>Give the template a name.</source>
        <translation>请为模板命名。</translation>
    </message>
    <message>
        <source>Choose the app this template belongs to.</source>
        <translation>请选择此模板所属的应用。</translation>
    </message>
    <message>
        <source>Cannot save the template: %1</source>
        <translation>无法保存模板：%1</translation>
    </message>
    <message>
        <source>Cannot add the template: %1</source>
        <translation>无法添加模板：%1</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>No templates yet — add an app on the Apps page, then a template here.</source>
        <translation>还没有模板——请先在“应用”页添加应用，再在这里添加模板。</translation>
    </message>
    <message>
        <source>No templates yet — add one with “New template”.</source>
        <translation>还没有模板——点击“新建模板”添加。</translation>
    </message>
    <message>
        <source>No template matches.</source>
        <translation>没有匹配的模板。</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>默认</translation>
    </message>
    <message>
        <source>Active (normal alert)</source>
        <translation>主动（普通提醒）</translation>
    </message>
    <message>
        <source>Time-sensitive (breaks through Focus)</source>
        <translation>时效性（突破专注模式）</translation>
    </message>
    <message>
        <source>Passive (no sound, no screen)</source>
        <translation>被动（无声音、不亮屏）</translation>
    </message>
    <message>
        <source>Critical (ignores silent mode)</source>
        <translation>重要（无视静音模式）</translation>
    </message>
    <message>
        <source>WeChat template fields: %1</source>
        <translation>微信模板字段：%1</translation>
    </message>
    <message>
        <source>Mini-program fields: %1</source>
        <translation>小程序字段：%1</translation>
    </message>
    <message>
        <source>Not saved — fix these first:
%1</source>
        <translation>未保存——请先修正以下问题：
%1</translation>
    </message>
    <message>
        <source>So&amp;und:</source>
        <translation>提示音(&amp;U)：</translation>
    </message>
    <message>
        <source>a Bark sound, e.g. minuet (empty: the default)</source>
        <translation>Bark 提示音，例如 minuet（留空：使用默认）</translation>
    </message>
    <message>
        <source>Mini-program</source>
        <translation>小程序</translation>
    </message>
    <message>
        <source>S&amp;ubscribe template ID:</source>
        <translation>订阅模板 ID(&amp;U)：</translation>
    </message>
    <message>
        <source>A subscribe-message template: each message spends one of the person&apos;s grants</source>
        <translation>订阅消息模板：每条消息消耗此人的一次授权</translation>
    </message>
    <message>
        <source>Fields (key=value):</source>
        <translation>字段（key=value）：</translation>
    </message>
    <message>
        <source>thing1={{title}}
phrase2=Done
time3={{when}}</source>
        <translation>thing1={{title}}
phrase2=已完成
time3={{when}}</translation>
    </message>
    <message>
        <source>One field per line; the key&apos;s type sets its limit: thing ≤ 20 characters, phrase ≤ 5, character_string ≤ 32, number ≤ 32, name ≤ 10 Chinese characters</source>
        <translation>每行一个字段；键的类型决定其长度限制：thing ≤ 20 个字符，phrase ≤ 5，character_string ≤ 32，number ≤ 32，name ≤ 10 个汉字</translation>
    </message>
    <message>
        <source>&amp;Form template ID:</source>
        <translation>表单模板 ID(&amp;F)：</translation>
    </message>
    <message>
        <source>A legacy template message that spends a form_id or prepay_id; the fields above are its data</source>
        <translation>旧版模板消息，消耗一个 form_id 或 prepay_id；上面的字段即其数据</translation>
    </message>
    <message>
        <source>Pa&amp;ge:</source>
        <translation>页面(&amp;G)：</translation>
    </message>
    <message>
        <source>pages/order/detail?id={{order}}</source>
        <translation>pages/order/detail?id={{order}}</translation>
    </message>
    <message>
        <source>ntfy</source>
        <translation>ntfy</translation>
    </message>
    <message>
        <source>T&amp;itle:</source>
        <translation>标题(&amp;I)：</translation>
    </message>
    <message>
        <source>&amp;Message:</source>
        <translation>消息(&amp;M)：</translation>
    </message>
    <message numerus="yes">
        <source>At most %n bytes</source>
        <translation>
            <numerusform>最多 %n 字节</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Priority:</source>
        <translation>优先级(&amp;P)：</translation>
    </message>
    <message>
        <source>Server default</source>
        <translation>服务器默认</translation>
    </message>
    <message>
        <source>1 — min</source>
        <translation>1 — 最低</translation>
    </message>
    <message>
        <source>2 — low</source>
        <translation>2 — 低</translation>
    </message>
    <message>
        <source>3 — default</source>
        <translation>3 — 默认</translation>
    </message>
    <message>
        <source>4 — high</source>
        <translation>4 — 高</translation>
    </message>
    <message>
        <source>5 — urgent</source>
        <translation>5 — 紧急</translation>
    </message>
    <message>
        <source>Ta&amp;gs:</source>
        <translation>标签(&amp;G)：</translation>
    </message>
    <message>
        <source>warning,package (comma-separated)</source>
        <translation>warning,package（以逗号分隔）</translation>
    </message>
    <message>
        <source>Insert placeholder</source>
        <translation>插入占位符</translation>
    </message>
    <message>
        <source>Insert a {{placeholder}} where you were typing</source>
        <translation>在输入位置插入一个 {{占位符}}</translation>
    </message>
    <message>
        <source>Preview for a sample recipient (values the composer asks for show as placeholders):</source>
        <translation>示例收件人的预览（撰写页要求填写的值显示为占位符）：</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>channel: problem</comment>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>WeChat template URL</source>
        <translation>微信模板 URL</translation>
    </message>
    <message>
        <source>Bark URL</source>
        <translation>Bark URL</translation>
    </message>
    <message>
        <source>%1: “%2” must start with http:// or https://</source>
        <translation>%1：“%2”必须以 http:// 或 https:// 开头</translation>
    </message>
    <message>
        <source>Mini-program: the fields need a subscribe or form template ID</source>
        <translation>小程序：这些字段需要订阅模板 ID 或表单模板 ID</translation>
    </message>
    <message>
        <source>WeChat template: the fields need a template ID</source>
        <translation>微信模板：这些字段需要模板 ID</translation>
    </message>
    <message>
        <source>Alex Sample</source>
        <translation>张三</translation>
    </message>
    <message>
        <source>Subtitl&amp;e:</source>
        <translation>副标题(&amp;E)：</translation>
    </message>
    <message>
        <source>a line under the title (optional)</source>
        <translation>标题下方的一行（可选）</translation>
    </message>
    <message>
        <source>Ic&amp;on URL:</source>
        <translation>图标 URL(&amp;O)：</translation>
    </message>
    <message>
        <source>https://… an image for the notification (iOS 15 or later; optional)</source>
        <translation>https://… 通知使用的图片（iOS 15 及以上；可选）</translation>
    </message>
    <message>
        <source>Bark icon URL</source>
        <translation>Bark 图标 URL</translation>
    </message>
</context>
<context>
    <name>pushdesk::UpstreamCheck</name>
    <message>
        <source>Cannot test %1: %2.</source>
        <translation>无法测试 %1：%2。</translation>
    </message>
    <message>
        <source>the built-in sandbox</source>
        <translation>内置沙箱</translation>
    </message>
    <message>
        <source>Connected: %1 gave %2 an access token.</source>
        <translation>连接成功：%1 已为 %2 颁发 access token。</translation>
    </message>
    <message>
        <source>The connection test failed: %1.</source>
        <translation>连接测试失败：%1。</translation>
    </message>
</context>
<context>
    <name>pushdesk::Workspace</name>
    <message>
        <source>Cannot start the built-in sandbox: %1</source>
        <translation>无法启动内置沙箱：%1</translation>
    </message>
    <message>
        <source>That app no longer exists.</source>
        <translation>该应用已不存在。</translation>
    </message>
    <message>
        <source>The template does not belong to the app %1.</source>
        <translation>该模板不属于应用 %1。</translation>
    </message>
    <message>
        <source>The app %1 is %2 and cannot send.</source>
        <translation>应用 %1 %2，无法发送。</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>banned</source>
        <translation>已被封禁</translation>
    </message>
    <message>
        <source>The template %1 needs a value for: %2.</source>
        <translation>模板 %1 需要以下取值：%2。</translation>
    </message>
    <message>
        <source>Name at least one tag for the audience.</source>
        <translation>请为受众至少指定一个标签。</translation>
    </message>
    <message>
        <source>That audience list no longer exists; choose another or import it again.</source>
        <translation>该受众名单已不存在；请另选一个，或重新导入。</translation>
    </message>
    <message>
        <source>That subscriber no longer exists; choose another.</source>
        <translation>该订阅者已不存在；请另选一位。</translation>
    </message>
    <message>
        <source>Type the new secret.</source>
        <translation>请输入新的密钥。</translation>
    </message>
</context>
<context>
    <name>pushdesk::cli</name>
    <message>
        <source>Number of subscribers (default 1000).</source>
        <translation>订阅者数量（默认 1000）。</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>Base URL of an external sandbox to seed and use (default: the built-in one).</source>
        <translation>要填充数据并使用的外部沙箱的基础 URL（默认：内置沙箱）。</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Create a demo database wired to the sandbox.</source>
        <translation>创建一个连接到沙箱的演示数据库。</translation>
    </message>
    <message>
        <source>--subscribers needs a whole number, not %1</source>
        <translation>--subscribers 需要一个整数，而不是 %1</translation>
    </message>
    <message>
        <source>--upstream needs an http(s) URL, such as http://127.0.0.1:8080</source>
        <translation>--upstream 需要一个 http(s) URL，例如 http://127.0.0.1:8080</translation>
    </message>
    <message>
        <source>Demo database %1: %2 apps, %3 templates, %4 subscribers, %5 bindings; upstream %6.</source>
        <translation>演示数据库 %1：%2 个应用，%3 个模板，%4 位订阅者，%5 个绑定；上游 %6。</translation>
    </message>
    <message>
        <source>Import subscribers (upsert by mp_openid).</source>
        <translation>导入订阅者（按 mp_openid 新增或更新）。</translation>
    </message>
    <message>
        <source>FILE.csv</source>
        <translation>FILE.csv</translation>
    </message>
    <message>
        <source>Import bindings of subscribers to apps.</source>
        <translation>导入订阅者与应用的绑定。</translation>
    </message>
    <message>
        <source>Import subscriber events (opt-out and opt-in replies, unbind, mute, reminder …).</source>
        <translation>导入订阅者事件（退订和重新订阅的回复、解绑、免打扰、提醒……）。</translation>
    </message>
    <message>
        <source>Import mini-program send credits.</source>
        <translation>导入小程序发送凭证。</translation>
    </message>
    <message>
        <source>The app for rows without one; with --subscribers, bind every subscriber to it.</source>
        <translation>用于没有应用的行的应用；与 --subscribers 一起使用时，把每个订阅者都绑定到该应用。</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
    <message>
        <source>Check the file and print the counts; change nothing.</source>
        <translation>检查文件并输出计数；不做任何更改。</translation>
    </message>
    <message>
        <source>Who imports, for the audit log (default: the login name).</source>
        <translation>导入人，记入审计日志（默认：登录名）。</translation>
    </message>
    <message>
        <source>cannot read the file %1; check the path and its permissions</source>
        <translation>无法读取文件 %1；请检查路径及其权限</translation>
    </message>
    <message>
        <source>no database at %1; create one with: pushdesk demo --db %1</source>
        <translation>%1 处没有数据库；请用以下命令创建：pushdesk demo --db %1</translation>
    </message>
    <message>
        <source>%1: %n problem(s); nothing was imported.</source>
        <translation>%1：%n 个问题；未导入任何内容。</translation>
    </message>
    <message>
        <source>… and %n more.</source>
        <translation>……还有 %n 个。</translation>
    </message>
    <message>
        <source>--%1 needs a whole number from %2 to %3</source>
        <translation>--%1 需要 %2 到 %3 之间的整数</translation>
    </message>
    <message>
        <source>--%1 needs a number from 0 to 1</source>
        <translation>--%1 需要 0 到 1 之间的数</translation>
    </message>
    <message>
        <source>--error-rate: %1</source>
        <translation>--error-rate：%1</translation>
    </message>
    <message>
        <source>TCP port on 127.0.0.1 (default 8080; 0 = any free port).</source>
        <translation>127.0.0.1 上的 TCP 端口（默认 8080；0 = 任意空闲端口）。</translation>
    </message>
    <message>
        <source>Customer-service messages per 48-hour window (default 5).</source>
        <translation>每个 48 小时窗口内的客服消息条数（默认 5）。</translation>
    </message>
    <message>
        <source>Run the upstream emulator (WeChat, Bark, ntfy, webhooks) until stopped.</source>
        <translation>运行上游模拟器（微信、Bark、ntfy、webhook），直到被停止。</translation>
    </message>
    <message>
        <source>--port needs a number from 0 to 65535</source>
        <translation>--port 需要 0 到 65535 之间的数</translation>
    </message>
    <message>
        <source>--cs-allowance needs a whole number</source>
        <translation>--cs-allowance 需要一个整数</translation>
    </message>
    <message>
        <source>Sandbox listening on http://127.0.0.1:%1 (stats: /sandbox/stats). Stop with Ctrl+C.</source>
        <translation>沙箱正在监听 http://127.0.0.1:%1（统计：/sandbox/stats）。按 Ctrl+C 停止。</translation>
    </message>
    <message>
        <source>Faults: %1 (change with POST /sandbox/admin/faults)</source>
        <translation>故障：%1（用 POST /sandbox/admin/faults 修改）</translation>
    </message>
    <message>
        <source>Daily quota: %1 accepted WeChat messages per app.</source>
        <translation>每日配额：每个应用 %1 条被接受的微信消息。</translation>
    </message>
    <message>
        <source>broadcast %1: %2/%3 done, %4 sent, %5 failed, %6/s, ETA %7</source>
        <translation>群发 %1：已完成 %2/%3，已发送 %4，失败 %5，%6 条/秒，预计剩余 %7</translation>
    </message>
    <message>
        <source>--concurrency needs a number from 1 to 1024</source>
        <translation>--concurrency 需要 1 到 1024 之间的数</translation>
    </message>
    <message>
        <source>Name of the app that sends.</source>
        <translation>发送消息的应用名称。</translation>
    </message>
    <message>
        <source>Name of the app&apos;s template.</source>
        <translation>该应用的模板名称。</translation>
    </message>
    <message>
        <source>A template variable (repeatable).</source>
        <translation>模板变量（可重复）。</translation>
    </message>
    <message>
        <source>key=value</source>
        <translation>key=value</translation>
    </message>
    <message>
        <source>Requests in flight at most (default 64).</source>
        <translation>最多同时在途的请求数（默认 64）。</translation>
    </message>
    <message>
        <source>Send nothing; print the counts it would have (sent = would be pushed).</source>
        <translation>不发送任何内容；输出本应产生的计数（sent = 将会推送）。</translation>
    </message>
    <message>
        <source>Schedule instead of sending now: &quot;2026-11-29 09:00&quot;, an ISO time, or +7d / +2h / +30m. A console or pushdesk worker sends it when due.</source>
        <translation>定时发送而非立即发送：“2026-11-29 09:00”、ISO 时间，或 +7d / +2h / +30m。到期时由控制台或 pushdesk worker 发送。</translation>
    </message>
    <message>
        <source>TIME</source>
        <translation>TIME</translation>
    </message>
    <message>
        <source>send needs --app NAME and --template NAME (see pushdesk send --help)</source>
        <translation>send 需要 --app NAME 和 --template NAME（参见 pushdesk send --help）</translation>
    </message>
    <message>
        <source>--var needs key=value, not %1</source>
        <translation>--var 需要 key=value，而不是 %1</translation>
    </message>
    <message>
        <source>--at needs a time such as &quot;2026-11-29 09:00&quot; or +7d, not %1</source>
        <translation>--at 需要一个时间，例如“2026-11-29 09:00”或 +7d，而不是 %1</translation>
    </message>
    <message>
        <source>unknown app %1; known apps: %2</source>
        <translation>未知应用 %1；已有的应用：%2</translation>
    </message>
    <message>
        <source>unknown template %1 for app %2; its templates: %3</source>
        <translation>应用 %2 没有模板 %1；它的模板：%3</translation>
    </message>
    <message>
        <source>The template %1 needs a value for: %2.</source>
        <translation>模板 %1 需要以下取值：%2。</translation>
    </message>
    <message>
        <source>stopped; the broadcast goes on with: pushdesk worker --db %1 --until-idle</source>
        <translation>已停止；可用以下命令继续该群发：pushdesk worker --db %1 --until-idle</translation>
    </message>
    <message>
        <source>Exit once nothing is running, queued or due (resumes a killed send).</source>
        <translation>当没有进行中、排队或到期的群发时退出（可续完被中断的 send）。</translation>
    </message>
    <message>
        <source>Run scheduled and queued broadcasts without a window until stopped (SIGTERM).</source>
        <translation>无窗口地运行已定时和排队的群发，直到被停止（SIGTERM）。</translation>
    </message>
    <message>
        <source>broadcast %1: %2</source>
        <translation>群发 %1：%2</translation>
    </message>
    <message>
        <source>The broadcast&apos;s id.</source>
        <translation>群发的 ID。</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>retry: re-send the uncertain deliveries instead of the failed ones (they may have arrived already).</source>
        <translation>retry：重发不确定的投递而不是失败的投递（它们可能已经送达）。</translation>
    </message>
    <message>
        <source>Act on a broadcast, whichever console or worker runs it.</source>
        <translation>操作一条群发，无论由哪个控制台或 worker 运行。</translation>
    </message>
    <message>
        <source>%1 needs --broadcast ID</source>
        <translation>%1 需要 --broadcast ID</translation>
    </message>
    <message>
        <source>Make a new audience list of this name from FILE.csv (columns mp_openid, mini_openid or email), for pushdesk send --list NAME.</source>
        <translation>从 FILE.csv 新建一个以此命名的受众名单（列为 mp_openid、mini_openid 或 email），供 pushdesk send --list NAME 使用。</translation>
    </message>
    <message>
        <source>With --list: the file of the list&apos;s members.</source>
        <translation>使用 --list 时：名单成员所在的文件。</translation>
    </message>
    <message>
        <source>Import subscribers, bindings, subscriber events, send credits or an audience list from a CSV file. Every row is checked first; a file with any problem changes nothing and gets a report of each problem. Ends with one JSON line of counts.</source>
        <translation>从 CSV 文件导入订阅者、绑定、订阅者事件、发送凭证或受众名单。先检查每一行；文件有任何问题都不做更改，并逐条报告问题。最后输出一行 JSON 计数。</translation>
    </message>
    <message>
        <source>import needs exactly one of --subscribers, --bindings, --events or --credits FILE.csv, or --list NAME FILE.csv (see pushdesk import --help)</source>
        <translation>import 需要且只需要 --subscribers、--bindings、--events 或 --credits FILE.csv 中的一个，或 --list NAME FILE.csv（参见 pushdesk import --help）</translation>
    </message>
    <message>
        <source>import --list NAME needs exactly one FILE.csv after it (see pushdesk import --help)</source>
        <translation>import --list NAME 后面需要且只需要一个 FILE.csv（参见 pushdesk import --help）</translation>
    </message>
    <message>
        <source>--callback-port needs a port from 1 to 65535</source>
        <translation>--callback-port 需要 1 到 65535 之间的端口号</translation>
    </message>
    <message>
        <source>Send only to subscribers with this tag (repeatable, or a comma list: any of them).</source>
        <translation>只发送给带有此标签的订阅者（可重复，或用逗号分隔多个：带有任一标签即可）。</translation>
    </message>
    <message>
        <source>TAG</source>
        <translation>TAG</translation>
    </message>
    <message>
        <source>Send only to the members of this audience list (made with pushdesk import --list).</source>
        <translation>只发送给此受众名单的成员（用 pushdesk import --list 创建）。</translation>
    </message>
    <message>
        <source>Send only to this one subscriber (official-account or mini-program openid).</source>
        <translation>只发送给这一位订阅者（公众号或小程序 openid）。</translation>
    </message>
    <message>
        <source>OPENID</source>
        <translation>OPENID</translation>
    </message>
    <message>
        <source>Run one broadcast to the app&apos;s audience without a window. The audience is everyone bound to the app (active or muted, strong or weak reminder), or of them only those with --tag, on --list, or the one person --to names; these three exclude each other.</source>
        <translation>无窗口地向该应用的受众运行一次群发。受众为绑定了该应用的所有人（正常或免打扰，强提醒或弱提醒），或其中带有 --tag 标签的人、在 --list 名单中的人，或 --to 指定的那一个人；这三个选项互斥。</translation>
    </message>
    <message>
        <source>--tag, --list and --to each choose the audience; give only one of them</source>
        <translation>--tag、--list 和 --to 都用于选择受众；只能指定其中一个</translation>
    </message>
    <message>
        <source>--tag needs a tag name</source>
        <translation>--tag 需要一个标签名</translation>
    </message>
    <message>
        <source>unknown list %1; there are no lists yet: make one with pushdesk import --list NAME FILE.csv</source>
        <translation>未知名单 %1；目前还没有任何名单：请用 pushdesk import --list NAME FILE.csv 创建</translation>
    </message>
    <message>
        <source>unknown list %1; known lists: %2</source>
        <translation>未知名单 %1；已有名单：%2</translation>
    </message>
    <message>
        <source>no subscriber has the openid %1</source>
        <translation>没有 openid 为 %1 的订阅者</translation>
    </message>
    <message>
        <source>Receive what subscribers say and do (WeChat&apos;s callbacks at /wechat/callback, the relay&apos;s /relay/user/settings) on this loopback port.</source>
        <translation>在此回环端口上接收订阅者的消息和操作（微信回调 /wechat/callback、中继的 /relay/user/settings）。</translation>
    </message>
    <message>
        <source>PORT</source>
        <translation>PORT</translation>
    </message>
    <message>
        <source>receiving user messages at %1</source>
        <translation>正在 %1 接收用户消息</translation>
    </message>
    <message numerus="yes">
        <source>would skip %n: %1</source>
        <translation>
            <numerusform>将跳过 %n 位：%1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of the %1 people the audience names have no active or muted binding with reminders to %2; they get nothing</source>
        <translation>
            <numerusform>受众所列的 %1 人中有 %n 人与 %2 没有开启提醒的有效或免打扰绑定；他们不会收到任何消息</numerusform>
        </translation>
    </message>
    <message>
        <source>Answer every message request N ms late (requests overlap).</source>
        <translation>每个消息请求延迟 N 毫秒后再应答（请求可重叠）。</translation>
    </message>
    <message>
        <source>Answer HTTP 502/503 with probability R.</source>
        <translation>以概率 R 应答 HTTP 502/503。</translation>
    </message>
    <message>
        <source>R</source>
        <translation>R</translation>
    </message>
    <message>
        <source>Answer a truncated JSON body with probability R.</source>
        <translation>以概率 R 应答被截断的 JSON。</translation>
    </message>
    <message>
        <source>Process the message before mangling its answer (accepted and counted).</source>
        <translation>先处理消息再损坏其应答（已接收并计数）。</translation>
    </message>
    <message>
        <source>Close the connection without answering with probability R.</source>
        <translation>以概率 R 不应答直接关闭连接。</translation>
    </message>
    <message>
        <source>Expire an app&apos;s access tokens after every N message calls.</source>
        <translation>应用每发出 N 次消息调用后，使其 access_token 过期。</translation>
    </message>
    <message>
        <source>Accepted WeChat messages per app per day, then 45009 (0 = unlimited).</source>
        <translation>每个应用每天可接收的微信消息数，超出后应答 45009（0 = 不限）。</translation>
    </message>
    <message>
        <source>Seed of the fault draws, for repeatable runs.</source>
        <translation>故障抽样的种子，用于可重复的运行。</translation>
    </message>
    <message>
        <source>msg_sec_check: content with WORD is risky (repeatable).</source>
        <translation>msg_sec_check：含 WORD 的内容判为风险（可重复）。</translation>
    </message>
    <message>
        <source>WORD</source>
        <translation>词</translation>
    </message>
    <message>
        <source>msg_sec_check: content with WORD needs review (repeatable).</source>
        <translation>msg_sec_check：含 WORD 的内容需人工审核（可重复）。</translation>
    </message>
    <message>
        <source>broadcast %1 stopped: %2; a console or pushdesk worker goes on with it then</source>
        <translation>群发 %1 已停止：%2；届时由控制台或 pushdesk worker 继续</translation>
    </message>
    <message>
        <source>broadcast %1 is %2: %3</source>
        <translation>群发 %1 的状态是 %2：%3</translation>
    </message>
    <message>
        <source>--at %1 is in the past (it is %2 now); leave --at out to send now</source>
        <translation>--at %1 已经过去（现在是 %2）；要立即发送请不要加 --at</translation>
    </message>
    <message>
        <source>Usage: pushdesk [MODE] [options]

Pushdesk runs a push relay: authorized apps push messages to the people who bound them.

Modes:
  (none)     Open the console.              pushdesk [--db PATH] [--lang zh_CN] [--callback-port N]
  demo       Create a demo database wired to the sandbox.
             pushdesk demo --db PATH [--subscribers N] [--upstream URL]
  send       Run one broadcast without a window; ends with one JSON line of counts.
             pushdesk send --db PATH --app NAME --template NAME [--var key=value]...
             [--tag T | --list NAME | --to OPENID] [--dry-run] [--concurrency N] [--at TIME]
  worker     Run scheduled and queued broadcasts without a window until stopped.
             pushdesk worker --db PATH [--until-idle] [--concurrency N] [--callback-port N]
             (--callback-port: receive users&apos; replies and events, as WeChat posts them)
  pause, resume, cancel
             Act on a broadcast, whichever console or worker runs it.
             pushdesk pause --db PATH --broadcast ID
  retry      Re-drive the failed (or, with --uncertain, the uncertain) deliveries of a broadcast.
             pushdesk retry --db PATH --broadcast ID [--uncertain]
  uncertain  List a broadcast&apos;s uncertain deliveries (in flight when a process died), one JSON line each.
             pushdesk uncertain --db PATH --broadcast ID
  import     Import subscribers, bindings, events (opt-out/in, unbind, mute, reminder) or send
             credits from CSV, in one transaction; a bad file changes nothing.
             pushdesk import --db PATH (--subscribers|--bindings|--events|--credits) FILE.csv
             pushdesk import --db PATH --list NAME FILE.csv   (an audience list for send --list)
             [--app NAME] [--dry-run]   (columns: pushdesk import --help)
  sandbox    Run the upstream emulator (WeChat, mini-program, Bark, ntfy, webhook) alone.
             pushdesk sandbox --port N [fault options]

The database (--db) is an SQLite file (default: %1) or a PostgreSQL URL
postgresql://user@host:port/dbname, shared by several consoles and workers. Its password is
never in the URL: it comes from the keychain (console Settings, entry database/user@host:port/dbname),
or, for servers and cron, from PGPASSWORD or ~/.pgpass.

Run pushdesk MODE --help for the options of a mode.
Exit codes: 0 done, 1 failed while running, 2 bad argument.
</source>
        <translation>用法：pushdesk [模式] [选项]

Pushdesk 运行一个推送中继：经授权的应用向绑定了它们的人推送消息。

模式：
  （无）     打开控制台。                  pushdesk [--db PATH] [--lang zh_CN] [--callback-port N]
  demo       创建一个连接到沙箱的演示数据库。
             pushdesk demo --db PATH [--subscribers N] [--upstream URL]
  send       无窗口地运行一次群发；最后输出一行 JSON 计数。
             pushdesk send --db PATH --app NAME --template NAME [--var key=value]...
             [--tag T | --list NAME | --to OPENID] [--dry-run] [--concurrency N] [--at TIME]
  worker     无窗口地运行已定时和排队的群发，直到被停止。
             pushdesk worker --db PATH [--until-idle] [--concurrency N] [--callback-port N]
             （--callback-port：接收微信推送过来的用户回复和事件）
  pause, resume, cancel
             操作一条群发（暂停、继续、取消），无论由哪个控制台或 worker 运行。
             pushdesk pause --db PATH --broadcast ID
  retry      重新发送一条群发中失败的（加 --uncertain 时为不确定的）投递。
             pushdesk retry --db PATH --broadcast ID [--uncertain]
  uncertain  列出一条群发中不确定的投递（进程终止时仍在途中），每条一行 JSON。
             pushdesk uncertain --db PATH --broadcast ID
  import     在一个事务中从 CSV 导入订阅者、绑定、事件（退订/重新订阅、解绑、免打扰、提醒）
             或发送凭证；文件有误时不做任何更改。
             pushdesk import --db PATH (--subscribers|--bindings|--events|--credits) FILE.csv
             pushdesk import --db PATH --list NAME FILE.csv   （供 send --list 使用的受众名单）
             [--app NAME] [--dry-run]   （列说明：pushdesk import --help）
  sandbox    单独运行上游模拟器（微信、小程序、Bark、ntfy、webhook）。
             pushdesk sandbox --port N [故障选项]

数据库（--db）是一个 SQLite 文件（默认：%1）或一个 PostgreSQL URL
postgresql://user@host:port/dbname，可由多个控制台和 worker 共用。其密码
绝不写在 URL 中：来自钥匙串（控制台“设置”，条目 database/user@host:port/dbname），
服务器和 cron 则来自 PGPASSWORD 或 ~/.pgpass。

运行 pushdesk 模式 --help 查看某个模式的选项。
退出码：0 完成，1 运行时失败，2 参数错误。
</translation>
    </message>
    <message numerus="yes">
        <source>%n deliveries of broadcast %1 are uncertain (they may have arrived); list them with: pushdesk uncertain --db %2 --broadcast %1</source>
        <translation>
            <numerusform>群发 %1 有 %n 条投递不确定（可能已送达）；查看：pushdesk uncertain --db %2 --broadcast %1</numerusform>
        </translation>
    </message>
    <message>
        <source>List the uncertain deliveries of a broadcast: requests that were in flight when a process died. They may have arrived; they are never re-sent unless you decide to (pushdesk retry --uncertain).</source>
        <translation>列出一条群发中不确定的投递：进程终止时仍在途中的请求。它们可能已送达；除非你决定重发（pushdesk retry --uncertain），否则绝不会重发。</translation>
    </message>
    <message numerus="yes">
        <source>%n uncertain deliveries; re-send them only if you are sure they did not arrive: pushdesk retry --db %1 --broadcast %2 --uncertain</source>
        <translation>
            <numerusform>%n 条不确定的投递；只有确定它们没有送达时才重发：pushdesk retry --db %1 --broadcast %2 --uncertain</numerusform>
        </translation>
    </message>
    <message>
        <source>--token-error: %1</source>
        <translation>--token-error：%1</translation>
    </message>
    <message>
        <source>Answer an upstream error with probability RATE: a WeChat errcode (-1=0.05), ntfy:CODE or bark:token_invalid, bark:apns:REASON, bark:teapot (repeatable).</source>
        <translation>以概率 RATE 返回上游错误：微信 errcode（-1=0.05）、ntfy:CODE，或 bark:token_invalid、bark:apns:REASON、bark:teapot（可重复）。</translation>
    </message>
    <message>
        <source>KEY=RATE</source>
        <translation>KEY=RATE</translation>
    </message>
    <message>
        <source>Answer the next N access-token calls with ERRCODE, e.g. -1=2 or 40164=1 (repeatable).</source>
        <translation>接下来 N 次获取 access token 的调用返回 ERRCODE，例如 -1=2 或 40164=1（可重复）。</translation>
    </message>
    <message>
        <source>ERRCODE=N</source>
        <translation>ERRCODE=N</translation>
    </message>
</context>
</TS>
