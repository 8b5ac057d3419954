//! Pairs of texts both ways (same meaning, different meanings) for every rule, and the word
//! tables' own invariants.

use super::normalize::{fold_word, join_thousands, split_camel_case};
use super::scoring::{ACTION_STEMS, one_edit, swapped};
use super::tables::TABLES;
use super::*;

fn conflict(a: &str, b: &str) {
    match judge(a, b) {
        Judgement::Conflict(_) | Judgement::Unclear(_) => {}
        other => panic!("expected a conflict, got {other:?}:\n  {a}\n  {b}"),
    }
}

fn variant(a: &str, b: &str) {
    match judge(a, b) {
        Judgement::Variant(_) => {}
        other => panic!("expected a variant, got {other:?}:\n  {a}\n  {b}"),
    }
}

#[test]
fn different_actions_are_conflicts() {
    conflict(
        "Failed to create the snapshot.",
        "Failed to reset the password.",
    );
    conflict(
        "Failed to create the snapshot because of an internal error. Please contact customer service or try again later.",
        "Failed to reset the password.",
    );
    conflict(
        "Failed to restart the cluster because of an internal error.",
        "Failed to bind the elastic IP address to the cluster.",
    );
    conflict(
        "Failed to restore the snapshot because the OBS bucket you select does not exist or has been deleted.",
        "Failed to create the snapshot.",
    );
    conflict(
        "Failed to create the snapshot because the OBS bucket does not exist.",
        "Failed to update the YML file.",
    );
    conflict("The VPC does not exist.", "The subnet does not exist.");
    conflict("The instance is frozen.", "The quota is insufficient.");
}

#[test]
fn rewordings_are_variants() {
    variant(
        "Failed to create the cluster because of an internal error. Please contact customer service or try again later.",
        "Clusters fail to be created.",
    );
    variant(
        "Failed to scale out the cluster because of an internal error.",
        "Cluster scale-out fails.",
    );
    variant(
        "Failed to initialize the service because of an internal error.",
        "The initialization fails.",
    );
    variant(
        "Failed to create the node because of ECS exceptions (<ECS error code>). Please try again later.",
        "Failed to create a node.",
    );
    variant("The VPC does not exist.", "The VPC cannot be found.");
    variant(
        "The VPC does not exist or does not belong to the user.",
        "The VPC does not exist.",
    );
    variant(
        "Creation of the volume failed.",
        "Failed to create the volume.",
    );
    variant(
        "The NIC parameters for creating a HANA ECS are invalid.",
        "the nic param for creating hana instance is illegal.",
    );
    variant("VPC parameters are invalid.", "vpc parm is illegal");
    variant(
        "project_id in token mismatches with project_id in url.",
        "The project ID in token does not match that in URL.",
    );
    variant(
        "The image is not in Active state.",
        "image[%s] status must be active",
    );
    variant(
        "The value of limit falls beyond the range.",
        "Invalid limit.",
    );
    variant("VPC does not exist.", "VPC does not exit.");
    variant(
        "Too many tag values.",
        "The length of the tag value list has exceeded the upper limit.",
    );
    variant(
        "The disk of this type has been sold out.",
        "the volumeType [%s] is sellout in az[%s]",
    );
    variant(
        "AZ query failed.",
        "query availability zones detail failed: the response is null.",
    );
}

#[test]
fn other_operation_other_meaning() {
    conflict(
        "Failed to create the ECS.",
        "Failed to add a tag to server %s: %s.",
    );
    conflict("Invalid VPC ID.", "Invalid subnet ID.");
    conflict(
        "Failed to assign the private IP address.",
        "Failed to query private IP addresses because the response is null.",
    );
}

#[test]
fn one_typo_apart() {
    assert!(one_edit("parm", "param"));
    assert!(!one_edit("requset", "request"), "a swap is two edits");
    assert!(one_edit("exit", "exist"));
    assert!(one_edit("abcd", "abed"));
    assert!(!one_edit("create", "delete"));
}

#[test]
fn clear_conflicts_score_low() {
    for (a, b) in [
        (
            "Failed to create the snapshot.",
            "Failed to reset the password.",
        ),
        (
            "Failed to restart the cluster.",
            "Failed to bind the EIP to the cluster.",
        ),
        (
            "Failed to restore the snapshot.",
            "Failed to create the snapshot.",
        ),
        ("User is unverified.", "The used space cannot be reduced."),
    ] {
        assert!(matches!(judge(a, b), Judgement::Conflict(_)), "{a} / {b}");
    }
    assert!(matches!(
        judge("Invalid VPC ID.", "Invalid subnet ID."),
        Judgement::Unclear(_)
    ));
}

#[test]
fn identical_texts_are_the_same() {
    assert_eq!(judge("Server error.", "server error"), Judgement::Same);
}

#[test]
fn generic_texts_do_not_match_everything() {
    for specific in [
        "Failed to delete the backup.",
        "Failed to view the EIP because %s.",
    ] {
        for generic in ["Failed.", "Internal error.", "A system exception occurred."] {
            assert!(
                matches!(judge(generic, specific), Judgement::Unclear(_)),
                "{generic} / {specific}"
            );
        }
    }
}

#[test]
fn placeholders_are_ignored() {
    assert_eq!(
        strip_placeholders("failed (<ECS error code>) for {id} xxx %s"),
        "failed ( ) for"
    );
}

#[test]
fn stems_meet() {
    for group in [
        &["create", "created", "creation", "creating", "creates"][..],
        &[
            "initialize",
            "initialization",
            "initializing",
            "initialized",
        ],
        &["delete", "deleted", "deletion", "deleting"],
        &["restore", "restored", "restoration", "restoring"],
        &["update", "updated", "updating"],
        &["cluster", "clusters"],
        &["operate", "operation", "operations"],
        &["validate", "validation", "valid"],
        &["verify", "verification", "verified"],
        &["alias", "aliases"],
        &["id", "ids"],
        &["ip", "ips"],
        &["exceed", "exceeds", "exceeded", "exceeding"],
    ] {
        let stems: BTreeSet<String> = group.iter().map(|w| stem(w)).collect();
        assert_eq!(stems.len(), 1, "{group:?} → {stems:?}");
    }
}

#[test]
fn translations_are_not_compared() {
    assert!(!comparable(
        "创建快照失败",
        "Failed to create the snapshot."
    ));
    assert!(comparable("Failed.", "Failed to create the snapshot."));
}

#[test]
fn chinese_uses_bigrams() {
    let p = Profile::of("创建快照失败");
    assert!(p.all.contains("快照"));
    variant("创建快照失败。", "创建快照失败，请稍后重试。");
}

fn judge_with(a: &str, b: &str, lexicon: &Lexicon) -> Judgement {
    judge_profiles(
        &Profile::with_lexicon(a, lexicon),
        &Profile::with_lexicon(b, lexicon),
    )
}

#[test]
fn negations_become_opposites() {
    variant(
        "The subnet does not contain enough IP addresses.",
        "Insufficient IP addresses.",
    );
    variant(
        "vpcId in the request and vpcId of the main subnetId are not matched",
        "The VPC ID in the request is inconsistent with that in the main subnet ID.",
    );
    variant("No system disk found.", "The system disk does not exist.");
    variant(
        "The user role has no permission to access the API.",
        "No access permissions.",
    );
    variant(
        "The name is not the same as the key.",
        "Name and key differ.",
    );
    conflict(
        "The disk is not available.",
        "The disk type is not supported.",
    );
    conflict("No system disk found.", "The system disk is not attached.");
    // A negation with nothing to turn stays a word of its own.
    let p = Profile::of("The image is not in the active state.");
    assert!(p.main.contains(&"not".to_string()), "{p:?}");
    assert_eq!(
        Profile::of("does not contain enough quota").main,
        vec!["exceed", "quota"],
        "insufficient quota is a quota used up"
    );
    assert_eq!(stem("bus"), "bus");
}

#[test]
fn general_synonyms() {
    variant(
        "Failed to allocate the private IP address.",
        "Failed to assign the private IP address.",
    );
    conflict(
        "Failed to allocate the private IP address.",
        "Failed to release the private IP address.",
    );
    variant(
        "The VPC ID differs from that of the primary NIC.",
        "The VPC ID does not match the main NIC.",
    );
    variant("Api flow control error.", "Limited by API traffic control.");
    variant(
        "exceeds flow over limit",
        "The traffic has exceeded the upper limit.",
    );
    variant(
        "Request body is null!",
        "The request body cannot be left blank.",
    );
    variant(
        "The flavor cannot be switched from Xen to KVM.",
        "Failed to change the flavor from Xen to KVM.",
    );
    variant("Operations are prohibited.", "The operation is forbidden.");
    variant("Failed to retrieve the job.", "Failed to query the job.");
    conflict("Failed to retrieve the job.", "Failed to delete the job.");
    variant(
        "No more permissions can be granted for the key.",
        "Too many key grants.",
    );
}

#[test]
fn quota_insufficient_is_quota_exceeded() {
    variant(
        "Insufficient EIP quota.",
        "The EIP quota limit has been reached.",
    );
    variant(
        "Insufficient ECS quota.",
        "The number of ECSs is above the quota.",
    );
    // Without a quota, "insufficient" and "too many" stay opposites.
    conflict("Insufficient IP addresses.", "Too many IP addresses.");
}

#[test]
fn a_requirement_says_invalid() {
    variant(
        "The value of offset must be greater than or equal to 0.",
        "Invalid offset.",
    );
    variant("The name is required.", "Invalid name.");
    conflict("The limit must be positive.", "Invalid offset.");
    assert!(
        !Profile::of("The key must be an imported one.")
            .all
            .contains("one")
    );
}

#[test]
fn generic_request_errors() {
    variant("Invalid parameter.", "Invalid XXX.");
    variant("Bad request.", "Invalid parameter values.");
    assert!(matches!(
        judge(
            "Invalid parameter values. Contact customer service.",
            "Marketplace image [%s] must have a product code."
        ),
        Judgement::Unclear(_)
    ));
    conflict(
        "VPC parameters are invalid.",
        "Subnet parameters are invalid.",
    );
}

#[test]
fn vague_nouns_weigh_less() {
    variant(
        "Insufficient resources for this flavor.",
        "Insufficient flavor capacity.",
    );
    variant(
        "The key_id does not match the key_id value in the token.",
        "Key IDs in the imported key and token do not match.",
    );
    conflict("The value is invalid.", "The name is invalid.");
    conflict(
        "The number of disks is invalid.",
        "The disk name is invalid.",
    );
}

#[test]
fn advice_and_instructions_are_not_the_meaning() {
    assert!(Profile::of("Contact customer service.").main.is_empty());
    assert!(Profile::of("Try again later.").main.is_empty());
    let p = Profile::of("The disk is full. Select another disk and try again.");
    assert!(!p.all.contains("select"), "{p:?}");
    // Advice alone neither matches nor contradicts a description.
    assert!(matches!(
        judge(
            "Contact the main account to obtain permission.",
            "Token role %s is not allowed to perform this operation."
        ),
        Judgement::Unclear(_)
    ));
    // The instruction's words do not make "delete" part of the meaning.
    assert!(matches!(
        judge(
            "Failed to create the disk. Delete old snapshots and try again.",
            "Failed to delete old snapshots."
        ),
        Judgement::Conflict(_)
    ));
    variant(
        "Insufficient EIP quota. Apply to increase the quota.",
        "Insufficient EIP quota.",
    );
}

#[test]
fn two_generic_texts_say_the_same() {
    variant(
        "A system exception occurred. Try again later or contact customer service.",
        "System error.",
    );
    variant("Failed.", "Internal error.");
    variant("The system was down.", "System crashed.");
}

#[test]
fn other_numbers_other_rules() {
    assert_eq!(
        join_thousands("1,096 days, 8,192 bits, 1,2"),
        "1096 days, 8192 bits, 1,2"
    );
    assert!(matches!(
        judge(
            "datakey_length must contain 512 bits.",
            "datakey_length must be in the range 8 bits to 8,192 bits."
        ),
        Judgement::Conflict(_)
    ));
    conflict(
        "The name can contain up to 64 characters.",
        "The name can contain up to 255 characters.",
    );
    variant(
        "The retention ranges from 7 to 1,096 days.",
        "The retention must range from 7 to 1096 days.",
    );
}

#[test]
fn query_is_an_operation() {
    assert!(matches!(
        judge("Failed to view the NIC QoS.", "Failed to create the NIC."),
        Judgement::Conflict(_)
    ));
    for verb in &TABLES.actions {
        assert!(
            ACTION_STEMS.contains(&stem(&fold_word(&format!("{verb}s")))),
            "{verb}s"
        );
    }
}

#[test]
fn lexicon_reads_synonyms_as_one_word() {
    let groups = [
        vec!["DEK".to_string(), "data encryption key".to_string()],
        vec!["the".to_string()],
    ];
    let refs: Vec<&[String]> = groups.iter().map(Vec::as_slice).collect();
    let lexicon = Lexicon::new(&refs);
    let (a, b) = (
        "The DEK is withdrawn.",
        "The data encryption keys are withdrawn.",
    );
    assert!(matches!(
        judge(a, b),
        Judgement::Unclear(_) | Judgement::Conflict(_)
    ));
    assert!(matches!(judge_with(a, b, &lexicon), Judgement::Variant(_)));
    // Other words are not touched: a different key is still a different key.
    assert!(!matches!(
        judge_with(
            "The DEK is withdrawn.",
            "The master key is withdrawn.",
            &lexicon
        ),
        Judgement::Variant(_)
    ));
    assert!(Lexicon::new(&[]).is_empty());
}

#[test]
fn main_clause_stops_at_the_reason() {
    let p = Profile::of("Failed to create the snapshot because the bucket is gone.");
    assert_eq!(p.main, vec!["fail", "creat", "snapshot"]);
    assert!(
        Profile::of("Failed to query the disk.")
            .main
            .contains(&"queri".to_string())
    );
}

#[test]
fn abbreviation_plurals() {
    assert_eq!(
        split_camel_case("VNIs, IDs and OSs; glass"),
        "VNI, ID and OS; glass"
    );
    variant("The ECSs are stopped.", "The ECS is stopped.");
    variant("Insufficient VLAN IDs.", "Insufficient VLAN ID.");
    conflict("Invalid VPC IDs.", "Invalid subnet ID.");
}

#[test]
fn compounds_meet_their_parts() {
    variant("The healthcheck timed out.", "The health check timed out.");
    variant("The health check timed out.", "Healthcheck timeout.");
    conflict(
        "The healthcheck is invalid.",
        "The health monitor is invalid.",
    );
}

#[test]
fn swapped_letters_are_a_typo() {
    assert!(swapped("udpate", "update"));
    assert!(!swapped("update", "update"));
    assert!(!swapped("abcd", "badc"));
    variant(
        "Failed to udpate the listener.",
        "Failed to update the listener.",
    );
    conflict(
        "Failed to udpate the listener.",
        "Failed to delete the listener.",
    );
}

#[test]
fn a_generic_first_clause_reaches_into_the_next() {
    variant(
        "Invalid request parameters. The name is too long.",
        "Request parameters error, name too long.",
    );
    // Two texts that only share the generic class say different things.
    conflict(
        "Invalid request parameters. The name is too long.",
        "Invalid request parameters. The port is out of range.",
    );
    variant(
        "Internal error. For details, see the returned information.",
        "Internal server error.",
    );
    assert!(
        !Profile::of("Invalid name. For details, see the API reference.")
            .all
            .contains("api")
    );
}

#[test]
fn an_error_is_a_failure() {
    variant("Create subnet error.", "Failed to create the subnet.");
    variant("Querying the VM failed.", "Query VM error.");
    conflict("Create subnet error.", "Failed to delete the subnet.");
}

#[test]
fn cloud_vocabulary() {
    variant("Lb not found.", "The load balancer does not exist.");
    variant("Failed to bind the floating IP.", "Failed to bind the EIP.");
    variant("Invalid tenant ID.", "Invalid project ID.");
    variant(
        "The SG does not exist.",
        "The security group does not exist.",
    );
    conflict(
        "The security group does not exist.",
        "The load balancer does not exist.",
    );
    conflict("Invalid tenant ID.", "Invalid user ID.");
    variant(
        "The name len is too long.",
        "The name length exceeds the limit.",
    );
    variant("The subnet ID is nil.", "The subnet ID is null.");
    variant(
        "The value is larger than the limit.",
        "The value exceeds the limit.",
    );
    variant(
        "Failed to remove the member.",
        "Removing the member failed.",
    );
    conflict(
        "Failed to removing the member.",
        "Failed to add the member.",
    );
    let stems: BTreeSet<String> = ["relationship", "relation", "relationships"]
        .iter()
        .map(|w| stem(w))
        .collect();
    assert_eq!(stems.len(), 1, "{stems:?}");
}

#[test]
fn chinese_words_read_as_english_tokens() {
    // Paraphrases: "cannot create" is "failed to create", "not found" is "does not exist",
    // "quota insufficient" is "quota exceeded", 非法 / 不合法 / 无效 are "invalid".
    variant("创建快照失败", "无法创建快照");
    variant("快照不存在", "未找到快照");
    variant("快照配额不足", "快照数量超过配额");
    variant("参数非法", "参数不合法");
    variant("参数无效", "参数不合法");
    variant("请求参数错误", "参数错误");
    conflict("VPC参数错误", "查询VPC列表失败");
    variant("查询云硬盘失败", "获取云硬盘信息失败");
    variant("无权限操作", "没有操作权限");
    variant("找不到指定的虚拟私有云", "虚拟私有云不存在");
    // Other operations, other objects: still different meanings.
    conflict("创建快照失败", "删除快照失败");
    conflict("挂载云硬盘失败", "卸载云硬盘失败");
    conflict("绑定弹性公网IP失败", "解绑弹性公网IP失败");
    conflict("开启加密失败", "关闭加密失败");
    conflict("云服务器不存在", "云硬盘不存在");
    conflict("VPC参数错误", "弹性公网IP参数错误");
}

#[test]
fn chinese_negations_turn_the_word() {
    conflict("云硬盘已加密", "云硬盘未加密");
    conflict("用户已实名认证", "用户未实名认证");
    conflict("镜像可用", "镜像不可用");
    conflict("云硬盘支持扩容", "云硬盘不支持扩容");
    conflict("子网不存在", "子网已存在");
    conflict("IP地址已被占用", "IP地址未被占用");
    // A negation inside a word is no negation: 非法, 无法, 不同.
    variant("云硬盘未加密", "云硬盘未加密，请稍后重试");
    variant("参数非法", "参数无效");
    variant("云硬盘不能为空", "云硬盘为空");
    assert!(Profile::of("云硬盘未加密").all.contains("!encrypt"));
}

#[test]
fn chinese_numbers_are_numbers() {
    assert!(Profile::of("名称不能超过64个字符").numbers.contains("64"));
    conflict("名称长度不能超过64个字符", "名称长度不能超过255个字符");
    variant("名称长度不能超过64个字符", "名称不能超过64个字符");
}

#[test]
fn a_negation_with_no_known_opposite_is_not_the_word() {
    conflict("The disk is encrypted.", "The disk is not encrypted.");
    conflict("The bucket is empty.", "The bucket is not empty.");
    conflict(
        "The certificate has expired.",
        "The certificate has not expired.",
    );
    conflict(
        "The EIP is bound to an instance.",
        "The EIP is not bound to any instance.",
    );
    variant("The disk is not encrypted.", "Unencrypted disk.");
    variant(
        "The rule has not been deleted.",
        "Rule has not been deleted yet.",
    );
    // A requirement ("must not be") says what the violation says.
    variant(
        "The parameter must not be empty.",
        "The parameter is empty.",
    );
    assert_eq!(
        Profile::of("The disk is not encrypted.").main,
        vec!["disk", "!encrypt"]
    );
    // `un-` words that are operations or already in the tables are left alone.
    assert!(
        Profile::of("Failed to uninstall the agent.")
            .all
            .contains("uninstall")
    );
    assert!(
        Profile::of("The type is unsupported.")
            .all
            .contains("unsupport")
    );
}

#[test]
fn opposites_contradict() {
    conflict("The subnet does not exist.", "The subnet already exists.");
    conflict(
        "Multi-AZ deployment is supported.",
        "Multi-AZ deployment is not supported.",
    );
    conflict("The VPC is in use.", "The VPC is not in use.");
    variant("The backup is in use.", "The backup is being used.");
    variant(
        "The VPC does not exist or does not belong to the user.",
        "The VPC does not exist.",
    );
    variant("FloatIp is null.", "The floating IP is null.");
}

/// The data files parse, and no word or phrase of a table has two meanings: a group is the one
/// place a word's meaning is written.
#[test]
fn tables_parse_and_no_word_has_two_meanings() {
    for (name, table) in [
        ("english.toml phrases", &TABLES.phrases),
        ("chinese.toml phrases", &TABLES.chinese),
        ("negation.toml opposites", &TABLES.opposites),
    ] {
        let mut seen = std::collections::BTreeSet::new();
        for (word, _) in table {
            assert!(seen.insert(word), "{name}: {word:?} twice");
        }
    }
    for (name, text) in super::tables::FILES {
        let value: toml::Value = toml::from_str(text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let words: Vec<&str> = value
            .get("words")
            .and_then(|w| w.as_array())
            .into_iter()
            .flatten()
            .filter_map(|g| g.get("words")?.as_array())
            .flatten()
            .filter_map(|w| w.as_str())
            .collect();
        let distinct: std::collections::BTreeSet<&str> = words.iter().copied().collect();
        assert_eq!(distinct.len(), words.len(), "{name}: a word in two groups");
    }
    assert_eq!(fold_word("exceptions"), "fail", "folds are followed");
}
