//! The vocabulary every word of the corpus comes from: 40 invented services, verbs,
//! resources, reasons, solutions, states, fields, in English and Chinese.

/// An invented cloud service.
pub struct Service {
    /// Code prefix as written in codes (`Abx`, `FLM`).
    pub prefix: &'static str,
    /// English name.
    pub name: &'static str,
    /// Chinese name.
    pub name_zh: &'static str,
}

pub(super) const fn svc(
    prefix: &'static str,
    name: &'static str,
    name_zh: &'static str,
) -> Service {
    Service {
        prefix,
        name,
        name_zh,
    }
}

/// Forty invented services; a few spell their prefix in mixed case, as real ones do.
pub static SERVICES: [Service; 40] = [
    svc("ABS", "Archive Bucket Service", "归档桶服务"),
    svc("BKR", "Backup Keeper", "备份管家"),
    svc("CNX", "Cloud Nexus", "云枢纽"),
    svc("DGW", "Data Gateway", "数据网关"),
    svc("EQS", "Event Queue Service", "事件队列服务"),
    svc("FLM", "Fleet Manager", "舰队管理"),
    svc("GRS", "Graph Store", "图存储服务"),
    svc("HVS", "Hyper Volume Service", "超级卷服务"),
    svc("IDX", "Index Engine", "索引引擎"),
    svc("JBS", "Job Scheduler", "作业调度服务"),
    svc("KMX", "Key Mixer", "密钥混合服务"),
    svc("LBX", "Load Balancer Extended", "增强负载均衡"),
    svc("MQT", "Message Telemetry", "消息遥测"),
    svc("NDS", "Node Directory Service", "节点目录服务"),
    svc("OBX", "Object Box", "对象盒"),
    svc("PCS", "Private Cache Service", "私有缓存服务"),
    svc("QRS", "Query Router Service", "查询路由服务"),
    svc("RPL", "Replica Link", "副本链路"),
    svc("SGW", "Storage Gateway", "存储网关"),
    svc("TKS", "Token Keeper Service", "令牌管理服务"),
    svc("UAS", "Usage Analytics Service", "用量分析服务"),
    svc("VNX", "Virtual Network Exchange", "虚拟网络交换"),
    svc("WFS", "Workflow Service", "工作流服务"),
    svc("XDB", "Cross Database", "跨区数据库"),
    svc("YCS", "Yield Compute Service", "弹性算力服务"),
    svc("ZNS", "Zone Name Service", "区域名称服务"),
    svc("Abx", "Application Box", "应用盒"),
    svc("Clm", "Cloud Lamp", "云灯"),
    svc("Drv", "Data Relay Vault", "数据中继库"),
    svc("Elx", "Elastic Ledger", "弹性账本"),
    svc("FNX", "Function Nexus", "函数枢纽"),
    svc("GPS", "GPU Pool Service", "GPU资源池"),
    svc("HSM2", "Hardware Secret Module", "硬件密钥模块"),
    svc("IMG", "Image Foundry", "镜像工坊"),
    svc("KVX", "Key Value Exchange", "键值交换服务"),
    svc("LOGX", "Log Exchange", "日志交换服务"),
    svc("MeshR", "Mesh Router", "网格路由"),
    svc("NTF", "Notification Fabric", "通知编排服务"),
    svc("PipeFlow", "Pipeline Flow", "流水线服务"),
    svc("SecVault", "Security Vault", "安全保险箱"),
];

pub(super) const VERBS: [&str; 20] = [
    "create",
    "delete",
    "query",
    "update",
    "attach",
    "detach",
    "resize",
    "restore",
    "back up",
    "start",
    "stop",
    "restart",
    "bind",
    "unbind",
    "migrate",
    "export",
    "import",
    "scale out",
    "verify",
    "renew",
];
pub(super) const VERBS_ZH: [&str; 15] = [
    "创建", "删除", "查询", "更新", "挂载", "卸载", "扩容", "恢复", "备份", "启动", "停止", "重启",
    "绑定", "解绑", "迁移",
];
pub(super) const RESOURCES: [&str; 20] = [
    "cluster",
    "instance",
    "volume",
    "snapshot",
    "bucket",
    "key pair",
    "security group",
    "subnet",
    "task",
    "policy",
    "certificate",
    "queue",
    "topic",
    "node",
    "image",
    "backup",
    "replica",
    "gateway",
    "route table",
    "job",
];
pub(super) const RESOURCES_ZH: [&str; 12] = [
    "集群",
    "实例",
    "云硬盘",
    "快照",
    "桶",
    "密钥对",
    "安全组",
    "子网",
    "任务",
    "策略",
    "证书",
    "队列",
];
pub(super) const REASONS: [&str; 14] = [
    "the quota is insufficient",
    "the resource is being used by another operation",
    "the request parameters are invalid",
    "an internal error occurred",
    "the resource does not exist",
    "the account is frozen",
    "the token has expired",
    "the specified flavor is sold out",
    "the network is unreachable",
    "the resource is locked",
    "a dependent service is unavailable",
    "the name already exists",
    "the request was sent too frequently",
    "the resource is in an abnormal state",
];
pub(super) const REASONS_ZH: [&str; 10] = [
    "配额不足",
    "资源正在被其他操作使用",
    "请求参数不合法",
    "系统内部错误",
    "资源不存在",
    "账号已冻结",
    "Token已过期",
    "规格已售罄",
    "网络不可达",
    "资源已被锁定",
];
pub(super) const SOLUTIONS: [&str; 10] = [
    "Check the request parameters and try again.",
    "Contact technical support.",
    "Apply for a higher quota and try again.",
    "Wait until the current operation is complete and try again.",
    "Delete unused resources and try again.",
    "Try again later or contact customer service.",
    "Renew your account and try again.",
    "Use a different name and try again.",
    "Obtain a new token and try again.",
    "Check whether the resource exists.",
];
pub(super) const SOLUTIONS_ZH: [&str; 6] = [
    "请检查请求参数后重试。",
    "请联系技术支持。",
    "请申请扩大配额后重试。",
    "请稍后重试。",
    "请删除不再使用的资源后重试。",
    "请确认资源是否存在。",
];
pub(super) const MODULES: [&str; 6] = [
    "Cluster management",
    "Snapshot",
    "Network",
    "Authentication",
    "Billing",
    "Monitoring",
];
pub(super) const STATES: [&str; 16] = [
    "RUNNING",
    "SUCCESS",
    "FAIL",
    "INIT",
    "WAITING",
    "ERROR",
    "DELETED",
    "FROZEN",
    "AVAILABLE",
    "CREATING",
    "DELETING",
    "RESIZING",
    "BUILD",
    "ACTIVE",
    "SHUTOFF",
    "RESTORING",
];
pub(super) const FIELDS: [(&str, &str, &str); 16] = [
    ("id", "String", "Specifies the resource ID."),
    ("name", "String", "Specifies the resource name."),
    (
        "created_at",
        "String",
        "Specifies the time when the resource was created.",
    ),
    (
        "updated_at",
        "String",
        "Specifies the time when the resource was last updated.",
    ),
    (
        "description",
        "String",
        "Provides supplementary information about the resource.",
    ),
    ("task_id", "String", "Specifies the ID of the task."),
    ("job_type", "String", "Specifies the type of the job."),
    (
        "error_code",
        "String",
        "Specifies the error code returned when the task fails.",
    ),
    (
        "error_msg",
        "String",
        "Specifies the error message returned when the task fails.",
    ),
    ("size", "Integer", "Specifies the size in GB."),
    (
        "region",
        "String",
        "Specifies the region where the resource is located.",
    ),
    (
        "availability_zone",
        "String",
        "Specifies the AZ of the resource.",
    ),
    (
        "enterprise_project_id",
        "String",
        "Specifies the enterprise project ID.",
    ),
    (
        "flavor_ref",
        "String",
        "Specifies the flavor of the resource.",
    ),
    (
        "auto_renew",
        "Boolean",
        "Specifies whether to renew automatically.",
    ),
    ("port", "Integer", "Specifies the port number."),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Lang {
    En,
    Zh,
}

impl Lang {
    pub(super) fn pick<'a>(self, en: &'a str, zh: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }
}
