"""Contains all the data models used in inputs/outputs"""

from .access_token import AccessToken
from .access_token_create import AccessTokenCreate
from .agb_age_category import AgbAgeCategory
from .agb_classification_code import AgbClassificationCode
from .agb_gender import AgbGender
from .archer import Archer
from .archer_registration import ArcherRegistration
from .archer_update import ArcherUpdate
from .arrow_ranking import ArrowRanking
from .arrow_set import ArrowSet
from .arrow_set_create import ArrowSetCreate
from .arrow_set_list import ArrowSetList
from .arrow_set_ranking import ArrowSetRanking
from .arrow_set_update import ArrowSetUpdate
from .arrow_value import ArrowValue
from .auth_provider import AuthProvider
from .auth_provider_list import AuthProviderList
from .bow import Bow
from .bow_create import BowCreate
from .bow_list import BowList
from .bow_update import BowUpdate
from .bowstyle import Bowstyle
from .check_outcome import CheckOutcome
from .classification import Classification
from .classification_system import ClassificationSystem
from .classification_unavailable_reason import ClassificationUnavailableReason
from .distance_unit import DistanceUnit
from .end_group import EndGroup
from .end_total import EndTotal
from .face import Face
from .face_list import FaceList
from .face_type import FaceType
from .gender import Gender
from .group import Group
from .group_ellipse import GroupEllipse
from .group_measures import GroupMeasures
from .group_point import GroupPoint
from .group_spread import GroupSpread
from .handicap_point import HandicapPoint
from .handicap_progression_page import HandicapProgressionPage
from .handicap_unavailable_reason import HandicapUnavailableReason
from .heatmap_cell import HeatmapCell
from .history_group import HistoryGroup
from .history_heatmap import HistoryHeatmap
from .history_slot import HistorySlot
from .history_slot_page import HistorySlotPage
from .history_summary import HistorySummary
from .history_trend import HistoryTrend
from .history_week import HistoryWeek
from .leaderboard import Leaderboard
from .leaderboard_entry import LeaderboardEntry
from .liveness import Liveness
from .login_request import LoginRequest
from .oidc_login import OidcLogin
from .oidc_provider_id import OidcProviderId
from .personal_access_token import PersonalAccessToken
from .personal_access_token_created import PersonalAccessTokenCreated
from .personal_access_token_page import PersonalAccessTokenPage
from .personal_best_score import PersonalBestScore
from .personal_bests import PersonalBests
from .plotted_arrow import PlottedArrow
from .point_of_impact import PointOfImpact
from .practice_personal_best import PracticePersonalBest
from .problem import Problem
from .problem_error import ProblemError
from .profile_field import ProfileField
from .readiness import Readiness
from .readiness_checks import ReadinessChecks
from .ring import Ring
from .ring_colour import RingColour
from .round_ import Round
from .round_body import RoundBody
from .round_list import RoundList
from .round_location import RoundLocation
from .round_pass import RoundPass
from .round_personal_best import RoundPersonalBest
from .scoring_style import ScoringStyle
from .session import Session
from .session_create import SessionCreate
from .session_page import SessionPage
from .session_update import SessionUpdate
from .shot import Shot
from .shot_create import ShotCreate
from .shot_list import ShotList
from .shot_page import ShotPage
from .slot import Slot
from .slot_group import SlotGroup
from .slot_handicap import SlotHandicap
from .slot_join_free import SlotJoinFree
from .slot_join_round import SlotJoinRound
from .slot_letter import SlotLetter
from .slot_list import SlotList
from .slot_progress import SlotProgress
from .slot_statistics import SlotStatistics
from .spot import Spot
from .token_scope import TokenScope
from .value_arrow import ValueArrow
from .value_count import ValueCount
from .ws_ticket import WsTicket

__all__ = (
    "AccessToken",
    "AccessTokenCreate",
    "AgbAgeCategory",
    "AgbClassificationCode",
    "AgbGender",
    "Archer",
    "ArcherRegistration",
    "ArcherUpdate",
    "ArrowRanking",
    "ArrowSet",
    "ArrowSetCreate",
    "ArrowSetList",
    "ArrowSetRanking",
    "ArrowSetUpdate",
    "ArrowValue",
    "AuthProvider",
    "AuthProviderList",
    "Bow",
    "BowCreate",
    "BowList",
    "Bowstyle",
    "BowUpdate",
    "CheckOutcome",
    "Classification",
    "ClassificationSystem",
    "ClassificationUnavailableReason",
    "DistanceUnit",
    "EndGroup",
    "EndTotal",
    "Face",
    "FaceList",
    "FaceType",
    "Gender",
    "Group",
    "GroupEllipse",
    "GroupMeasures",
    "GroupPoint",
    "GroupSpread",
    "HandicapPoint",
    "HandicapProgressionPage",
    "HandicapUnavailableReason",
    "HeatmapCell",
    "HistoryGroup",
    "HistoryHeatmap",
    "HistorySlot",
    "HistorySlotPage",
    "HistorySummary",
    "HistoryTrend",
    "HistoryWeek",
    "Leaderboard",
    "LeaderboardEntry",
    "Liveness",
    "LoginRequest",
    "OidcLogin",
    "OidcProviderId",
    "PersonalAccessToken",
    "PersonalAccessTokenCreated",
    "PersonalAccessTokenPage",
    "PersonalBests",
    "PersonalBestScore",
    "PlottedArrow",
    "PointOfImpact",
    "PracticePersonalBest",
    "Problem",
    "ProblemError",
    "ProfileField",
    "Readiness",
    "ReadinessChecks",
    "Ring",
    "RingColour",
    "Round",
    "RoundBody",
    "RoundList",
    "RoundLocation",
    "RoundPass",
    "RoundPersonalBest",
    "ScoringStyle",
    "Session",
    "SessionCreate",
    "SessionPage",
    "SessionUpdate",
    "Shot",
    "ShotCreate",
    "ShotList",
    "ShotPage",
    "Slot",
    "SlotGroup",
    "SlotHandicap",
    "SlotJoinFree",
    "SlotJoinRound",
    "SlotLetter",
    "SlotList",
    "SlotProgress",
    "SlotStatistics",
    "Spot",
    "TokenScope",
    "ValueArrow",
    "ValueCount",
    "WsTicket",
)
