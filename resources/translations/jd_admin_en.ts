<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AdminPage</name>
    <message>
        <location filename="../../jd_admin/ui/pages/admin.py" line="105" />
        <source>系统管理</source>
        <translation>Administration</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pages/admin.py" line="107" />
        <source>用户</source>
        <translation>Users</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pages/admin.py" line="110" />
        <source>新建用户…</source>
        <translation>New user…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pages/admin.py" line="112" />
        <source>重置密码…</source>
        <translation>Reset password…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pages/admin.py" line="114" />
        <location filename="../../jd_admin/ui/pages/admin.py" line="159" />
        <location filename="../../jd_admin/ui/pages/admin.py" line="169" />
        <location filename="../../jd_admin/ui/pages/admin.py" line="214" />
        <source>停用</source>
        <translation>Disable</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pages/admin.py" line="116" />
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pages/admin.py" line="123" />
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pages/admin.py" line="124" />
        <source>姓名</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pages/admin.py" line="125" />
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pages/admin.py" line="126" />
        <source>所属街镇</source>
        <translation>Subdistrict</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pages/admin.py" line="127" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pages/admin.py" line="128" />
        <source>须修改密码</source>
        <translation>Must change password</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pages/admin.py" line="128" />
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pages/admin.py" line="129" />
        <source>最近登录</source>
        <translation>Last login</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pages/admin.py" line="136" />
        <source>本机界面设置</source>
        <translation>Settings on this computer</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pages/admin.py" line="138" />
        <source>界面语言：</source>
        <translation>Interface language:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pages/admin.py" line="146" />
        <source>（重新启动程序后生效）</source>
        <translation>(takes effect after restarting the program)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pages/admin.py" line="161" />
        <source>锁定至 {t}</source>
        <translation>Locked until {t}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pages/admin.py" line="162" />
        <location filename="../../jd_admin/ui/pages/admin.py" line="169" />
        <location filename="../../jd_admin/ui/pages/admin.py" line="214" />
        <source>启用</source>
        <translation>Enable</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pages/admin.py" line="198" />
        <source>已创建用户 {name}。请把初始密码当面交给本人，首次登录时须修改。</source>
        <translation>User {name} created. Hand the initial password to the person directly; it must be changed at first login.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pages/admin.py" line="207" />
        <source>已重置 {name} 的密码。</source>
        <translation>The password of {name} has been reset.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pages/admin.py" line="215" />
        <source>{action}用户</source>
        <translation>{action} user</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pages/admin.py" line="216" />
        <source>{action} {name} 的原因：</source>
        <translation>Reason to {action} {name}:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pages/admin.py" line="222" />
        <source>已{action}用户 {name}。</source>
        <translation>{action}: user {name} done.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pages/admin.py" line="232" />
        <source>已解除 {name} 的锁定。</source>
        <translation>{name} has been unlocked.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pages/admin.py" line="237" />
        <source>界面语言已保存，重新启动程序后生效。</source>
        <translation>The interface language is saved; it takes effect after restarting the program.</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <location filename="../../jd_admin/ui/login.py" line="163" />
        <source>修改密码</source>
        <translation>Change password</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/login.py" line="162" />
        <source>这是管理员设置的初始密码，请先设置您自己的新密码。</source>
        <translation>This is an initial password set by the administrator. Please set your own new password first.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/login.py" line="170" />
        <source>当前密码：</source>
        <translation>Current password:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/login.py" line="171" />
        <source>新密码：</source>
        <translation>New password:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/login.py" line="172" />
        <source>确认新密码：</source>
        <translation>Confirm new password:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/login.py" line="174" />
        <source>密码至少 8 位，包含大写字母、小写字母、数字、符号中的至少三类，且不含用户名。</source>
        <translation>At least 8 characters, with at least three of: upper case, lower case, digits, symbols; must not contain the user name.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/login.py" line="173" />
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/login.py" line="177" />
        <source>两次输入的新密码不一致</source>
        <translation>The two new passwords do not match</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <location filename="../../jd_admin/ui/crash.py" line="45" />
        <source>程序出现意外错误</source>
        <translation>Unexpected error</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/crash.py" line="50" />
        <source>程序遇到了一个意外错误，已写入日志，您可以继续使用。
请复制下面的报告发给系统维护人员。日志文件：{path}</source>
        <translation>The program met an unexpected error. It has been logged and you can go on working.
Please copy the report below and send it to the system maintainers. Log file: {path}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/crash.py" line="61" />
        <source>复制报告</source>
        <translation>Copy report</translation>
    </message>
</context>
<context>
    <name>FirstAdminDialog</name>
    <message>
        <location filename="../../jd_admin/ui/login.py" line="120" />
        <source>创建系统管理员</source>
        <translation>Create the system administrator</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/login.py" line="121" />
        <source>这是一个新的数据库，还没有任何用户。请创建第一个系统管理员账户，之后用它登录并为其他工作人员创建账户。</source>
        <translation>This is a new database without any users. Create the first system administrator account, then log in with it and create accounts for the other staff.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/login.py" line="132" />
        <source>用户名：</source>
        <translation>User name:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/login.py" line="133" />
        <source>姓名：</source>
        <translation>Full name:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/login.py" line="134" />
        <source>密码：</source>
        <translation>Password:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/login.py" line="135" />
        <source>确认密码：</source>
        <translation>Confirm password:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/login.py" line="137" />
        <source>密码至少 8 位，包含大写字母、小写字母、数字、符号中的至少三类。</source>
        <translation>At least 8 characters, with at least three of: upper case, lower case, digits, symbols.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/login.py" line="136" />
        <source>创建</source>
        <translation>Create</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/login.py" line="141" />
        <source>两次输入的密码不一致</source>
        <translation>The two passwords do not match</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../jd_admin/ui/login.py" line="40" />
        <source>登录 — 嘉定区体育消费券管理系统</source>
        <translation>Log in — Jiading Sports Voucher Administration</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/login.py" line="44" />
        <source>嘉定区体育消费券管理系统</source>
        <translation>Jiading Sports Voucher Administration</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/login.py" line="47" />
        <source>嘉定区体育局 · 各街镇文体中心</source>
        <translation>Jiading District Sports Bureau · Subdistrict Culture and Sports Centres</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/login.py" line="56" />
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/login.py" line="58" />
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/login.py" line="59" />
        <source>用户名：</source>
        <translation>User name:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/login.py" line="60" />
        <source>密码：</source>
        <translation>Password:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/login.py" line="64" />
        <source>数据库：</source>
        <translation>Database:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/login.py" line="71" />
        <location filename="../../jd_admin/ui/login.py" line="97" />
        <source>登录</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/login.py" line="86" />
        <location filename="../../jd_admin/ui/login.py" line="92" />
        <source>正在登录…</source>
        <translation>Logging in…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../jd_admin/ui/main_window.py" line="70" />
        <source>嘉定区体育消费券管理系统</source>
        <translation>Jiading Sports Voucher Administration</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/main_window.py" line="108" />
        <source>账户(&amp;A)</source>
        <translation>&amp;Account</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/main_window.py" line="109" />
        <source>修改密码…</source>
        <translation>Change password…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/main_window.py" line="113" />
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/main_window.py" line="117" />
        <source>视图(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/main_window.py" line="118" />
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/main_window.py" line="122" />
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/main_window.py" line="123" />
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/main_window.py" line="130" />
        <source>用户：{name}（{username}）</source>
        <translation>User: {name} ({username})</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/main_window.py" line="132" />
        <source>角色：{role}</source>
        <translation>Role: {role}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/main_window.py" line="137" />
        <source>街镇：{name}</source>
        <translation>Subdistrict: {name}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/main_window.py" line="140" />
        <source>数据库：{db}</source>
        <translation>Database: {db}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/main_window.py" line="177" />
        <source>密码已修改。</source>
        <translation>Your password has been changed.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/main_window.py" line="180" />
        <source>嘉定区体育消费券管理系统 {version}
嘉定区体育局</source>
        <translation>Jiading Sports Voucher Administration {version}
Jiading District Sports Bureau</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <location filename="../../jd_admin/ui/pages/admin.py" line="80" />
        <source>重置密码：{name}</source>
        <translation>Reset password: {name}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pages/admin.py" line="85" />
        <source>新的初始密码：</source>
        <translation>New initial password:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pages/admin.py" line="86" />
        <source>确认：</source>
        <translation>Confirm:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pages/admin.py" line="87" />
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pages/admin.py" line="88" />
        <source>重置后账户解锁，用户下次登录时必须修改密码。</source>
        <translation>The account is unlocked; the user must change the password at next login.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pages/admin.py" line="91" />
        <source>两次输入的密码不一致</source>
        <translation>The two passwords do not match</translation>
    </message>
</context>
<context>
    <name>TasksPage</name>
    <message>
        <location filename="../../jd_admin/ui/pages/tasks.py" line="25" />
        <source>我的待办</source>
        <translation>My tasks</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pages/tasks.py" line="27" />
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pages/tasks.py" line="31" />
        <source>{name}，您好。以下是等待您处理的事项，双击可打开。</source>
        <translation>Hello, {name}. These are the items waiting for you; double-click to open one.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pages/tasks.py" line="35" />
        <source>事项</source>
        <translation>Task</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pages/tasks.py" line="36" />
        <source>说明</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pages/tasks.py" line="37" />
        <source>期限</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pages/tasks.py" line="43" />
        <source>暂无待办事项。</source>
        <translation>Nothing waiting for you.</translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <location filename="../../jd_admin/ui/pages/admin.py" line="35" />
        <source>新建用户</source>
        <translation>New user</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pages/admin.py" line="52" />
        <source>用户名：</source>
        <translation>User name:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pages/admin.py" line="53" />
        <source>姓名：</source>
        <translation>Full name:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pages/admin.py" line="54" />
        <source>角色：</source>
        <translation>Role:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pages/admin.py" line="55" />
        <source>所属街镇：</source>
        <translation>Subdistrict:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pages/admin.py" line="56" />
        <source>初始密码：</source>
        <translation>Initial password:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pages/admin.py" line="57" />
        <source>确认初始密码：</source>
        <translation>Confirm initial password:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pages/admin.py" line="58" />
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pages/admin.py" line="59" />
        <source>用户首次登录时必须修改初始密码。在 PostgreSQL 上同时创建此人的数据库登录角色。</source>
        <translation>The user must change the initial password at first login. On PostgreSQL this also creates the person's database login role.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pages/admin.py" line="70" />
        <source>两次输入的密码不一致</source>
        <translation>The two passwords do not match</translation>
    </message>
</context>
<context>
    <name>VenuesPage</name>
    <message>
        <location filename="../../jd_admin/ui/pages/venues.py" line="23" />
        <source>定点场馆名录</source>
        <translation>Register of designated venues</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pages/venues.py" line="27" />
        <source>全部街镇</source>
        <translation>All subdistricts</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pages/venues.py" line="33" />
        <source>全部状态</source>
        <translation>All states</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pages/venues.py" line="34" />
        <source>定点</source>
        <translation>Designated</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pages/venues.py" line="34" />
        <source>暂停</source>
        <translation>Suspended</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pages/venues.py" line="35" />
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pages/venues.py" line="39" />
        <source>按名称、地址或信用代码搜索</source>
        <translation>Search by name, address or credit code</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pages/venues.py" line="41" />
        <source>查询</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pages/venues.py" line="43" />
        <source>街镇：</source>
        <translation>Subdistrict:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pages/venues.py" line="45" />
        <source>状态：</source>
        <translation>Status:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pages/venues.py" line="51" />
        <source>场馆名称</source>
        <translation>Venue</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pages/venues.py" line="52" />
        <source>街镇</source>
        <translation>Subdistrict</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pages/venues.py" line="53" />
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pages/venues.py" line="54" />
        <source>项目</source>
        <translation>Sports</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pages/venues.py" line="55" />
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pages/venues.py" line="56" />
        <source>联系人</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pages/venues.py" line="57" />
        <source>统一社会信用代码</source>
        <translation>Unified social credit code</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pages/venues.py" line="58" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pages/venues.py" line="92" />
        <source>共 {n} 个场馆</source>
        <translation>{n} venues</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../jd_admin/ui/app.py" line="104" />
        <source>无法打开数据库文件：{error}</source>
        <translation>Cannot open the database file: {error}</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <location filename="../../jd_admin/ui/labels.py" line="12" />
        <source>系统管理员</source>
        <translation>System administrator</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/labels.py" line="13" />
        <source>区体育局业务人员</source>
        <translation>Bureau staff</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/labels.py" line="14" />
        <source>区体育局审批人</source>
        <translation>Bureau approver</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/labels.py" line="15" />
        <source>街镇文体中心</source>
        <translation>Subdistrict centre</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/labels.py" line="16" />
        <source>巡查员</source>
        <translation>Inspector</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/labels.py" line="17" />
        <source>配送平台运营</source>
        <translation>Platform operator</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/labels.py" line="22" />
        <source>公共体育场馆</source>
        <translation>Public venue</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/labels.py" line="22" />
        <source>经营性体育场馆</source>
        <translation>Commercial venue</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/labels.py" line="26" />
        <source>定点</source>
        <translation>Designated</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/labels.py" line="26" />
        <source>暂停</source>
        <translation>Suspended</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/labels.py" line="26" />
        <source>退出</source>
        <translation>Quit</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <location filename="../../jd_admin/ui/messages.py" line="20" />
        <source>提示</source>
        <translation>Information</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/messages.py" line="24" />
        <source>无法完成</source>
        <translation>Could not be done</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/messages.py" line="28" />
        <source>错误</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/messages.py" line="32" />
        <source>请确认</source>
        <translation>Please confirm</translation>
    </message>
</context>
<context>
    <name>navigation</name>
    <message>
        <location filename="../../jd_admin/ui/main_window.py" line="32" />
        <source>待办</source>
        <translation>My tasks</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/main_window.py" line="33" />
        <source>场馆招募</source>
        <translation>Recruitment</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/main_window.py" line="34" />
        <source>定点场馆</source>
        <translation>Venues</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/main_window.py" line="35" />
        <source>协议</source>
        <translation>Agreements</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/main_window.py" line="36" />
        <source>消费券</source>
        <translation>Vouchers</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/main_window.py" line="37" />
        <source>结算</source>
        <translation>Settlement</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/main_window.py" line="38" />
        <source>巡查</source>
        <translation>Inspections</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/main_window.py" line="39" />
        <source>预警</source>
        <translation>Warnings</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/main_window.py" line="40" />
        <source>统计分析</source>
        <translation>Statistics</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/main_window.py" line="41" />
        <source>系统管理</source>
        <translation>Administration</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/main_window.py" line="47" />
        <source>招募公告、场馆自荐申请、街镇审核与区体育局审定。此功能将在后续版本中提供。</source>
        <translation>Recruitment calls, venue self-recommendations, subdistrict review and bureau approval. Coming in a later release.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/main_window.py" line="48" />
        <source>三方合作协议的生成、签署、生效、到期与终止。此功能将在后续版本中提供。</source>
        <translation>Three-party agreements: generation, signing, entry into force, expiry and termination. Coming in a later release.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/main_window.py" line="49" />
        <source>消费券规则表、发放批次与预算、平台数据导入与核查、消费券浏览。此功能将在后续版本中提供。</source>
        <translation>Voucher rule tables, issuance batches and budgets, import and checking of platform data, voucher browser. Coming in a later release.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/main_window.py" line="50" />
        <source>按月生成结算、核定、审批与拨付登记。此功能将在后续版本中提供。</source>
        <translation>Monthly settlement: generation, verification, approval and payment. Coming in a later release.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/main_window.py" line="51" />
        <source>巡查计划、现场检查记录、整改意见与复查。此功能将在后续版本中提供。</source>
        <translation>Inspection plans, on-site records, rectification orders and re-inspection. Coming in a later release.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/main_window.py" line="52" />
        <source>超警戒线等异常预警的核实与处理。此功能将在后续版本中提供。</source>
        <translation>Verification and handling of early warnings such as use above the alert line. Coming in a later release.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/main_window.py" line="53" />
        <source>领券、用券、补贴与带动消费的统计分析和报表。此功能将在后续版本中提供。</source>
        <translation>Statistics and reports on claims, redemptions, subsidies and consumption driven. Coming in a later release.</translation>
    </message>
</context>
<context>
    <name>ops</name>
    <message>
        <location filename="../../jd_admin/ui/ops.py" line="129" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/ops.py" line="131" />
        <source>请稍候</source>
        <translation>Please wait</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/ops.py" line="184" />
        <source>与数据库的连接已中断，刚才的操作没有完成，数据未改动。
请检查网络或数据库服务器后重新连接。</source>
        <translation>The connection to the database was lost. The last action was not completed and no data was changed.
Check the network or the database server, then reconnect.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/ops.py" line="188" />
        <source>现在重新连接吗？</source>
        <translation>Reconnect now?</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/ops.py" line="200" />
        <source>正在处理…</source>
        <translation>Working…</translation>
    </message>
</context>
</TS>