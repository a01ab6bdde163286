"""Organizations: the name grammar, coordination, clustering and exclusions.

Sentences are written for these tests (invented places such as 青山市).
"""

import pytest

from fazhi_ie import parse
from fazhi_ie.build.org_ner import only_generic, with_ner
from fazhi_ie.components.base import EntitySpan, candidates
from fazhi_ie.components.org_candidate import OrgCandidate
from fazhi_ie.components.org_tokens import place_head_ok
from fazhi_ie.components.organizations import OrgRecognizer
from fazhi_ie.lexicons.orgs import cluster_core, kind_of, level_of, longest_suffix


def orgs(text):
    art = parse(text)
    for o in art.organizations:
        for m in o.mentions:
            assert art.text[m.start : m.end] == m.text
    return art.organizations


def names(text):
    return sorted(o.name for o in orgs(text))


def mention_texts(text):
    return sorted(m.text for o in orgs(text) for m in o.mentions)


def recognized(doc) -> list[OrgCandidate]:
    """Run the recognizer on ``doc``; its candidates with the NER ORG spans merged in
    (as the builder merges them)."""
    OrgRecognizer()(doc)
    return with_ner(doc, doc.text, candidates(doc, "orgs"), candidates(doc, "ner"))


@pytest.mark.pipeline
def test_name_starts_at_region_prefix_not_mid_word(nlp):
    assert "市司法局" in mention_texts("昨天,志愿者在市司法局的指导下走上街头。")
    assert "县司法局" in names("团县委联合县司法局开展宣传。")


@pytest.mark.pipeline
def test_named_region_chain_and_free_name(nlp):
    got = names("青山市白石区人民法院与白石区红星中学举行座谈。")
    assert "青山市白石区人民法院" in got
    assert "白石区红星中学" in got


@pytest.mark.pipeline
def test_coordinated_list_gives_one_org_per_item(nlp):
    got = names("会议邀请了市人大、市政府、市政协的负责同志。")
    assert got == ["市人大", "市政协", "市政府"]


@pytest.mark.pipeline
def test_party_committee_prefix(nlp):
    got = names("青山市委宣传部和市委政法委共同主办此次活动。")
    assert "青山市委宣传部" in got
    assert "市委政法委" in got


@pytest.mark.pipeline
def test_clustering_fixes_region_and_canonical(nlp):
    text = (
        "青山市司法局今天举办开放日。市司法局有关负责人介绍了工作情况。群众参观了司法局的调解室。"
    )
    found = orgs(text)
    assert len(found) == 1
    org = found[0]
    assert org.name == "青山市司法局"
    assert org.kind.value == "justice_admin"
    assert org.level.value == "prefectural"
    assert org.region == "青山市"
    assert len(org.mentions) == 3


@pytest.mark.pipeline
def test_canonical_makes_region_explicit():
    text = "青山市公安局民警走进校园。随后,市司法局工作人员作了讲解。"
    by_name = {o.name: o for o in orgs(text)}
    assert by_name["市司法局"].canonical == "青山市司法局"


@pytest.mark.pipeline
def test_pronoun_references_are_not_mentions(nlp):
    found = orgs("白石区人民检察院开展活动,该院干警讲解了法律知识。")
    assert [o.name for o in found] == ["白石区人民检察院"]
    assert len(found[0].mentions) == 1


@pytest.mark.parametrize(
    "text",
    [
        "各级法院要加强普法工作。",
        "请关注青山普法微信公众号。",
        "几位人大代表和政协委员参加了座谈。",
        "相关单位和有关部门要落实责任。",
        "村干部们认真学习了民法典。",
    ],
)
@pytest.mark.pipeline
def test_exclusions(text, nlp):
    assert orgs(text) == []


@pytest.mark.pipeline
def test_credit_lines_are_metadata(nlp):
    text = "青山市司法局开展法律咨询。\n来源:白石县司法局\n编辑:张三"
    assert names(text) == ["青山市司法局"]


@pytest.mark.pipeline
def test_sub_units_join_their_parent(nlp):
    got = names("青山市公安局白石分局刑侦大队民警到校宣讲。")
    assert got == ["青山市公安局白石分局刑侦大队"]


@pytest.mark.pipeline
def test_body_party_committee_is_the_body(nlp):
    assert names("白石区公安分局党委组织民警学习。") == ["白石区公安分局"]


@pytest.mark.pipeline
def test_law_titles_are_not_organizations(nlp):
    assert orgs("大家学习了《中华人民共和国人民法院组织法》。") == []


def test_name_analysis_helpers():
    assert longest_suffix("青山市中级人民法院").text == "中级人民法院"
    assert kind_of("市委宣传部", "宣传部") == "party"
    assert kind_of("白石区公安分局", "公安分局") == "police"
    assert level_of("县", "县司法局") == "county"
    assert level_of(None, "最高人民检察院") == "national"
    assert cluster_core("人民检察院") == cluster_core("检察院")
    assert cluster_core("第九届人民代表大会常务委员会") == cluster_core("人大常委会")


@pytest.mark.pipeline
def test_centre_named_only_when_coordinated_with_a_body(nlp):
    assert names("根据中央和省委的部署,各地积极行动。") == ["中央", "省委"]
    assert orgs("大家认真学习中央有关会议精神。") == []


@pytest.mark.pipeline
def test_quoted_name_before_suffix(nlp):
    assert names("学生们参观了‘彩虹’未检工作室。") == ["‘彩虹’未检工作室"]


@pytest.mark.pipeline
def test_verb_glued_to_province_is_not_a_place(nlp):
    assert names("这项工作获得省政府的表彰。") == ["省政府"]


@pytest.mark.pipeline
def test_intermediate_court_short_form_clusters_with_city_court(nlp):
    found = orgs("青山市委召开会议。青山中院院长出席,市法院干警参加。")
    court = [o for o in found if o.kind.value == "court"]
    assert len(court) == 1
    assert court[0].region == "青山市"
    assert sorted(m.text for m in court[0].mentions) == ["市法院", "青山中院"]


@pytest.mark.pipeline
def test_counted_classes_are_not_bodies(nlp):
    assert orgs("据统计,全市共有律师事务所28家。") == []


@pytest.mark.pipeline
def test_parenthesised_region(nlp):
    assert names("白石区(青山高新区)委政法委组织学习。") == ["白石区(青山高新区)委政法委"]


@pytest.mark.pipeline
def test_role_follower_only_for_its_body(nlp):
    assert names("市司法局代表在会上作了交流发言。") == ["市司法局"]
    assert names("白石县人大常委会副主任李四出席。") == ["白石县人大常委会"]


@pytest.mark.pipeline
def test_ner_org_spans_are_merged(nlp):
    # (a shop as subject: after 走进 it would be a venue, not a body)
    text = "我们和我爱我家超市一起学习。青山控股也来了。"
    doc = nlp.make_doc(text)
    ner = candidates(doc, "ner")
    ner.append(EntitySpan(3, 9, "ORG", text[3:9]))
    ner.append(EntitySpan(14, 18, "ORG", text[14:18]))
    got = [(c.name, c.source) for c in recognized(doc)]
    # the NER span gives the fuller name; a span without an institution suffix is not taken
    assert got == [("我爱我家超市", "ner")]


@pytest.mark.pipeline
def test_recognizer_stores_typed_grammar_names_only(nlp):
    # the NER merge happens once, in the builder: the store and doc.spans hold the
    # grammar's names whether the NER ran before the recognizer or not
    text = "我们和我爱我家超市一起学习。白石区人民法院也来了。"
    doc = nlp.make_doc(text)
    candidates(doc, "ner").append(EntitySpan(3, 9, "ORG", text[3:9]))
    OrgRecognizer()(doc)
    stored = candidates(doc, "orgs")
    assert all(isinstance(c, OrgCandidate) for c in stored)
    grammar_names = [("爱我家超市", "company"), ("白石区人民法院", "court")]
    assert [(c.name, c.kind) for c in stored] == grammar_names
    assert {c.source for c in stored} == {"grammar"}
    assert stored[1].region == "白石区"
    assert [(sp.text, sp.label_) for sp in doc.spans["orgs"]] == grammar_names
    # merged: the NER's fuller name replaces the grammar's; the store is not changed
    merged = with_ner(doc, text, stored, candidates(doc, "ner"))
    assert [(c.name, c.source) for c in merged] == [
        ("我爱我家超市", "ner"),
        ("白石区人民法院", "grammar"),
    ]
    assert [(c.name, c.kind) for c in candidates(doc, "orgs")] == grammar_names


@pytest.mark.pipeline
def test_ner_spans_merged_by_the_builder_when_ner_runs_later(nlp):
    from fazhi_ie.build import assemble
    from fazhi_ie.text import normalize

    norm = normalize("我们和我爱我家超市一起学习。")
    doc = nlp(norm.text)
    candidates(doc, "ner").append(EntitySpan(3, 9, "ORG", "我爱我家超市"))
    art = assemble(doc, norm)
    assert [o.name for o in art.organizations] == ["我爱我家超市"]


@pytest.mark.pipeline
def test_list_items_share_the_first_prefix(nlp):
    found = orgs("青山市委宣传部、统战部、政法委负责同志参加。")
    assert [(o.name, o.canonical) for o in found] == [
        ("青山市委宣传部", "青山市委宣传部"),
        ("统战部", "青山市委统战部"),
        ("政法委", "青山市委政法委"),
    ]
    assert {o.kind.value for o in found} == {"party"}


@pytest.mark.pipeline
def test_generic_units_need_a_name(nlp):
    assert orgs("工作人员来到宣传站和社区矫正办公室。") == []


@pytest.mark.pipeline
def test_ner_span_over_coordinated_levels_is_not_one_body(nlp):
    text = "州、市两级禁毒办联合开展宣传。"
    doc = nlp.make_doc(text)
    candidates(doc, "ner").append(EntitySpan(2, 8, "ORG", text[2:8]))
    assert all("两级" not in c.name for c in recognized(doc))


@pytest.mark.pipeline
def test_short_form_ending_one_longer_name_is_the_same_body(nlp):
    # 红城派出所 alone takes 红城村 as its region; it is still the station named in full
    text = "永登县公安局红城派出所民警走进红城村开展反诈宣传。下一步,红城派出所将继续宣传。"
    found = orgs(text)
    assert [(o.name, len(o.mentions)) for o in found] == [("永登县公安局红城派出所", 2)]


@pytest.mark.pipeline
def test_suffix_ending_inside_a_segmenter_word(nlp):
    # pkuseg cuts 派出所在 as 派出/所在: the grammar alone (no NER) must still end
    # the name after 所, as it does before 于
    from fazhi_ie import load

    rules_only = load(ner=False)
    for verb in ("在", "于"):
        art = parse(f"近日,白石镇司法所与白石派出所{verb}镇集市开展普法宣传。", nlp=rules_only)
        assert sorted(o.name for o in art.organizations) == sorted(["白石镇司法所", "白石派出所"])


@pytest.mark.pipeline
def test_place_of_residence_station_is_generic(nlp):
    # 户籍所在地派出所 / 居住地派出所: "the station where one is registered", no body
    from fazhi_ie import load

    rules_only = load(ner=False)
    for text in ("请持户籍所在地派出所出具的证明办理。", "可到居住地派出所咨询。"):
        assert parse(text, nlp=rules_only).organizations == []


@pytest.mark.pipeline
def test_ner_place_before_a_prefixed_name_gives_the_full_name(nlp):
    # The grammar knows 青山高新区 (an admin suffix) but not the bare city before it;
    # when the NER tags the whole court, its fuller name wins.
    text = "日前,白城青山高新区人民法院开展普法宣传。"
    s, e = text.index("白城"), text.index("开展")
    grammar_only = nlp.make_doc(text)
    assert [c.name for c in recognized(grammar_only)] == ["青山高新区人民法院"]
    doc = nlp.make_doc(text)
    candidates(doc, "ner").append(EntitySpan(s, e, "ORG", text[s:e]))
    got = [(c.name, c.source) for c in recognized(doc)]
    assert got == [("白城青山高新区人民法院", "ner")]


def test_place_head_must_look_like_a_place():
    assert place_head_ok("白城")
    assert not place_head_ok("全市")  # a determiner
    assert not place_head_ok("省")  # one character
    assert not place_head_ok("中央")  # a level word
    assert not place_head_ok("Ab")


def _orgs_given_ner_span(nlp, text: str, ner_name: str) -> list[str]:
    """Organization names found in ``text`` when the NER proposes ``ner_name`` as ORG."""
    doc = nlp.make_doc(text)
    s = text.index(ner_name)
    candidates(doc, "ner").append(EntitySpan(s, s + len(ner_name), "ORG", ner_name))
    return [c.name for c in recognized(doc)]


@pytest.mark.pipeline
def test_ner_generic_units_need_a_place_like_the_grammars(nlp):
    # a weak unit word (办公室, 工作室, 部, 中心, 站) after a function word names no body,
    # whether the grammar or the NER proposes it; with a place in the name it does
    for text, ner_name, want in (
        ("会后,综合办公室负责整理材料。", "综合办公室", []),
        ("会后,人民调解工作室接待群众。", "人民调解工作室", []),
        ("会后,甘肃网络信息中心发布通知。", "甘肃网络信息中心", ["甘肃网络信息中心"]),
    ):
        assert _orgs_given_ner_span(nlp, text, ner_name) == want, text


@pytest.mark.pipeline
def test_ner_org_spans_with_unbalanced_brackets_are_not_taken(nlp):
    # an NER span cut inside 村(居)民委员会 starts with ")": not a name; balanced
    # brackets inside a name are fine
    for text, ner_name, want in (
        ("全县村(居)民委员会设有调解小组。", ")民委员会", []),
        ("全县村(居)民委员会设有调解小组。", "(居)民委员会", []),
        (
            "会后,青山建工(集团)有限公司捐赠图书。",
            "青山建工(集团)有限公司",
            ["青山建工(集团)有限公司"],
        ),
    ):
        assert _orgs_given_ner_span(nlp, text, ner_name) == want, text


@pytest.mark.pipeline
def test_ner_org_spans_that_name_a_class_are_not_taken(nlp):
    # after a count of bodies (3家, 十余个) or a determiner, or made only of generic
    # unit words, an NER span names a class of bodies, not one; a named one stays
    for text, ner_name, want in (
        ("工作组走访3家企业党支部,讲解民法典。", "企业党支部", []),
        ("督导组检查了十余个红星物业公司,发现问题。", "红星物业公司", []),
        ("会后,各青松建材公司开展学习。", "青松建材公司", []),
        ("会后,派出所办公室整理了材料。", "派出所办公室", []),
        ("工作组走访律所党支部,讲解民法典。", "律所党支部", []),
        ("工作组走访网管中心党支部,讲解民法典。", "网管中心党支部", ["网管中心党支部"]),
        ("会后,青松建材公司开展学习。", "青松建材公司", ["青松建材公司"]),
    ):
        assert _orgs_given_ner_span(nlp, text, ner_name) == want, text


def test_only_generic_names():
    generic = frozenset({"企业", "党支部", "派出所", "办公室"})
    assert only_generic("企业党支部", generic)
    assert only_generic("派出所办公室", generic)
    assert not only_generic("青松企业党支部", generic)
    assert not only_generic("党支部书记", generic)


# --- names with a coordinator, national bodies, bare bureaus ---------------------------


@pytest.mark.pipeline
def test_coordinator_inside_one_name(nlp):
    got = names("白河县教育和体育局与青山市司法局共同举办讲座。")
    assert "白河县教育和体育局" in got
    assert "青山市司法局" in got
    assert "政务及文书事务局" in names("讲座由政务及文书事务局主办。")
    # a body on the right is real coordination
    assert names("青山市法院和检察院的干警参加。") == ["检察院", "青山市法院"]


@pytest.mark.pipeline
def test_national_bodies(nlp):
    got = names("工业和信息化部、国务院港澳事务办公室与共青团中央联合发文。")
    assert got == sorted(["国务院港澳事务办公室", "工业和信息化部", "共青团中央"])
    assert names("这是公安部刑事侦查局开发的软件。") == ["公安部刑事侦查局"]


@pytest.mark.pipeline
def test_bare_bureaus_and_associations(nlp):
    got = names("活动由法务局、劳工局及旅游局合办,青山基金会、青山市三水青年协进会赞助。")
    for n in ["法务局", "劳工局", "旅游局", "青山基金会", "青山市三水青年协进会"]:
        assert n in got
    assert "视障人士协会" in names("视障人士协会会长李明远出席。")
    assert names("今年的布局和骗局都变了。") == []


@pytest.mark.pipeline
def test_party_committee_and_government_are_two_bodies(nlp):
    got = names("青山镇妇联联合镇党委政府开展活动。")
    assert "镇党委" in got and "政府" in got


@pytest.mark.pipeline
def test_punctuation_glued_level_and_long_chains(nlp):
    assert "市应急局" in names("由市安委办牵头,市应急局参加。")
    assert "青山农村商业银行有限公司" in names("青山农村商业银行有限公司员工参加。")
    assert names("白河县人民法院民一庭、刑一庭干警到校。") == ["刑一庭", "白河县人民法院民一庭"]


# --- teams, local units, bare 中央 ------------------------------------------------------


@pytest.mark.pipeline
def test_named_teams(nlp):
    assert "白杨讲师团" in names("青山市妇联开展“护苗——白杨讲师团法治巡讲”活动。")
    assert names("组建“护苗青年税法宣传小分队”,走进社区。") == ["护苗青年税法宣传小分队"]
    got = names("白河县检察院“蒲公英”团队成员参加。")
    assert "白河县检察院" in got and "“蒲公英”团队" in got
    assert names("他们组织“防诈中心”宣传。") == []


@pytest.mark.pipeline
def test_local_units_summoned_or_listed(nlp):
    assert names("白石镇组织司法所、派出所工作人员走进学校。") == ["司法所", "派出所"]
    got = names("白石镇组织镇综治办、安办、派出所等部门开展宣传。")
    assert got == ["安办", "派出所", "镇综治办"]
    assert "派出所" not in names("县局禁毒大队、派出所民警参加。")


@pytest.mark.pipeline
def test_bare_central_issuing_instructions(nlp):
    assert "中央" in names("为落实中央、省、市部署,青山市司法局开展宣传。")


# --- exclusions ----------------------------------------------------------------------------


@pytest.mark.pipeline
def test_gangs_counted_classes_apps_and_titles_are_no_bodies(nlp):
    assert names("警方捣毁一个诈骗集团。") == []
    assert names("青山城区9家律师事务所参加。") == []
    assert names("请下载“青山反诈中心”APP。") == []
    got = names("青山市审计局财务科科长李明远介绍。")
    assert got == ["青山市审计局"]
    assert names("下级法院应当遵守。") == []


@pytest.mark.pipeline
def test_sidebar_bullets_are_furniture(nlp):
    text = (
        "青山市司法局开展宣传。\n"
        "相关新闻\n"
        "  • 白河煤矿举行演练\n"
        "  • 李明远托儿所办家长会\n"
        "  • 青山检验局提醒市民\n"
    )
    assert names(text) == ["青山市司法局"]


# --- clustering -----------------------------------------------------------------------------


@pytest.mark.pipeline
def test_short_forms_cluster(nlp):
    found = orgs("青山市医疗保障局召开会议。市医保局负责人介绍情况。")
    assert len(found) == 1
    found = orgs("青山特区政府民政及青年事务局(民青局)发布通告。民青局表示欢迎。")
    assert len(found) == 1
    found = orgs("社会工作局派员出席。社工局处长李明远讲话。")
    assert len(found) == 1
    found = orgs("白杨公司与白杨科技公司签约。")
    assert len(found) == 2
    found = orgs("“莎莉”讲师团成立。莎莉讲师团成员宣讲。")
    assert len(found) == 1


@pytest.mark.pipeline
def test_descriptive_team_labels_are_no_bodies(nlp):
    assert names("青山市司法局组建了一支法律服务小分队。") == ["青山市司法局"]
    assert "“星光”志愿服务队" in names("“星光”志愿服务队走进社区。")


@pytest.mark.pipeline
def test_body_named_after_a_law_is_kept(nlp):
    assert names("基本法基金会今天举办讲座,宣传基本法。") == ["基本法基金会"]


@pytest.mark.pipeline
@pytest.mark.parametrize(
    ("text", "names"),
    [
        # Hong Kong, Macau and Taiwan bodies, in Traditional script
        ("律政司於昨日舉辦講座,保安局及懲教署派員出席。", ["律政司", "保安局", "惩教署"]),
        ("臺北地檢署舉辦宣導活動,法務部派員出席。", ["台北地检署", "法务部"]),
        ("香港警務處聯同廉政公署在社區舉行講座。", ["香港警务处", "廉政公署"]),
        # a coordinator inside a bureau's name, after a body named first
        ("教育局與民政及青年事務局合辦展覽。", ["教育局", "民政及青年事务局"]),
        ("白河县河道工程管理处开展宣传。", ["白河县河道工程管理处"]),
    ],
)
def test_bodies_of_hong_kong_macau_taiwan_and_inner_coordinators(
    text: str, names: list[str]
) -> None:
    assert [o.name for o in parse(text).organizations] == names


@pytest.mark.pipeline
def test_stems_listed_before_a_shared_suffix_are_not_one_name() -> None:
    assert [o.name for o in parse("县公安、民政及财政局联合开展宣传。").organizations] == ["财政局"]


@pytest.mark.pipeline
def test_a_clause_proposed_by_the_ner_is_no_name(nlp) -> None:
    # the NER may tag a whole clause ending in a suffix: pupils visiting a court
    text = "青山学生参观法院。"
    doc = nlp.make_doc(text)
    ner = [EntitySpan(0, 8, "ORG", text[:8])]
    assert [c.name for c in with_ner(doc, text, [], ner)] == []
    # a span without verbs or people nouns inside is taken
    text = "青山区白河人民法院开庭。"
    doc = nlp.make_doc(text)
    ner = [EntitySpan(0, 9, "ORG", text[:9])]
    assert [c.name for c in with_ner(doc, text, [], ner)] == ["青山区白河人民法院"]


def _with_ner_span(nlp, text: str, span: str) -> list[str]:
    """The names of ``text`` when the NER proposes the ORG span ``span``."""
    doc = nlp.make_doc(text)
    s = text.index(span)
    candidates(doc, "ner").append(EntitySpan(s, s + len(span), "ORG", span))
    return [c.name for c in recognized(doc)]


@pytest.mark.pipeline
@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("应急管理部消防救援局发布防火提示。", "应急管理部消防救援局"),
        ("国网青山供电公司白石供电所组织学习。", "国网青山供电公司白石供电所"),
        # a coordinator inside the parent's own name is no list
        (
            "青山市人力资源和社会保障局劳动保障监察支队开展检查。",
            "青山市人力资源和社会保障局劳动保障监察支队",
        ),
        ("新北市政府警察局三重分局交通分隊加強取締。", "新北市政府警察局三重分局交通分隊"),
        ("法務部矯正署臺中監獄舉辦座談會。", "法務部矯正署臺中監獄"),
    ],
)
def test_ner_span_continuing_a_parent_with_its_sub_units_is_one_name(nlp, text, span):
    from fazhi_ie.text import normalize

    # the parser reads the normalized (Simplified) text
    text, span = normalize(text).text, normalize(span).text
    assert _with_ner_span(nlp, text, span) == [span]


@pytest.mark.pipeline
@pytest.mark.parametrize(
    ("text", "span", "names"),
    [
        # two bodies joined by a verb, not one name
        (
            "青山县司法局联合县人民检察院开展宣传。",
            "青山县司法局联合县人民检察院",
            ["青山县司法局", "县人民检察院"],
        ),
        # a department named only in its head's title: the parent is the body
        ("青山市教育局办公室主任李明出席。", "青山市教育局办公室", ["青山市教育局"]),
        # a hall of a service centre is no unit
        (
            "青山市法院诉讼服务中心大厅里人来人往。",
            "青山市法院诉讼服务中心大厅",
            ["青山市法院诉讼服务中心"],
        ),
    ],
)
def test_ner_span_over_a_name_and_more_is_not_taken(nlp, text, span, names):
    assert _with_ner_span(nlp, text, span) == names


@pytest.mark.pipeline
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("县委县政府高度重视普法工作。", [("县委", "县委"), ("县政府", "县政府")]),
        ("区委区政府召开专题会议。", [("区委", "区委"), ("区政府", "区政府")]),
        # the government takes the place named before the committee
        (
            "白河县委县人民政府召开会议。",
            [("白河县委", "白河县委"), ("县人民政府", "白河县人民政府")],
        ),
    ],
)
def test_committee_and_government_written_together_are_two_bodies(nlp, text, expected):
    assert [(o.name, o.canonical) for o in orgs(text)] == expected


@pytest.mark.pipeline
@pytest.mark.parametrize(
    ("text", "team"),
    [
        ("由青山市检察院组建的“春雨”普法志愿服务队走进社区。", "“春雨”普法志愿服务队"),
        ("白石区法院“青禾姐姐”工作室干警为学生讲授法治课。", "“青禾姐姐”工作室"),
        ("“青松”法治宣讲团走进白河中学。", "“青松”法治宣讲团"),
    ],
)
def test_team_with_a_quoted_name_before_descriptive_words(nlp, text, team):
    assert team in names(text)


@pytest.mark.pipeline
def test_quoted_words_then_a_clause_then_a_team_word_name_no_team(nlp):
    got = names("由“青禾姐姐”们组成的义务普法团队走进社区。")
    assert not any("团队" in n for n in got)


@pytest.mark.pipeline
@pytest.mark.parametrize(
    "venue", ["青山市体育中心", "青山市会展中心", "白石区文化艺术中心", "青山市民中心"]
)
def test_venues_named_like_centres_are_no_bodies(nlp, venue):
    text = f"活动在{venue}举行,青山市司法局派员参加。"
    assert names(text) == ["青山市司法局"]
    # nor when the NER proposes them
    assert _with_ner_span(nlp, text, venue) == ["青山市司法局"]


@pytest.mark.pipeline
def test_outlets_in_the_body_are_bodies_but_not_when_named_as_a_source(nlp):
    assert "青山日报" in names("青山日报近日推出法治专栏,市司法局提供案例。")
    # 据X报道 and a header line with a date name the source: metadata
    assert names("据青山日报报道,市司法局开展普法宣传。") == ["市司法局"]
    assert names("青山日报 2024-05-01 10:20\n市司法局开展普法宣传。") == ["市司法局"]
    # a daily report is no outlet; 部署 and 入口处 are no bodies
    assert names("市司法局做好平台日报工作,按照省委部署在公园入口处设展板。") == [
        "市司法局",
        "省委",
    ]


@pytest.mark.pipeline
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("民政事務總署聯同勞工處舉辦講座。", ["民政事务总署", "劳工处"]),
        ("市政署在前地舉辦活動。", ["市政署"]),
        ("申訴專員公署舉辦研討會。", ["申诉专员公署"]),
        ("共青团白河县委组织团员学习。", ["共青团白河县委"]),
        ("中华慈善基金会白石分会提供咨询。", ["中华慈善基金会白石分会"]),
        ("青山军分区与白石区人民武装部签订协议。", ["青山军分区", "白石区人民武装部"]),
    ],
)
def test_bureaus_offices_and_branches_named_bare_or_by_a_marker(nlp, text, expected):
    assert [o.name for o in orgs(text)] == expected


@pytest.mark.pipeline
def test_ner_span_going_on_through_a_joining_word_is_two_bodies(nlp):
    text = "香港海关联同知识产权署展开行动。"
    assert "香港海关联同知识产权署" not in _with_ner_span(nlp, text, "香港海关联同知识产权署")


@pytest.mark.pipeline
def test_a_body_that_provides_something_is_a_body_but_a_credit_is_not(nlp):
    assert names("青山市公安局提供反诈咨询。") == ["青山市公安局"]
    assert names("民警讲解防骗知识。(图片由青山市公安局提供)\n市司法局参加。") == ["市司法局"]
