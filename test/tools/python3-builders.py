"""Run AccessToken2 builder calls through Agora's python3 reference with a fixed issueTs and salt.

Usage: python3 test/tools/python3-builders.py PYTHON3_REFERENCE_DIR < calls.json > tokens.json

PYTHON3_REFERENCE_DIR is the python3 folder of AgoraIO/Tools DynamicKey/AgoraDynamicKey (the
folder that contains src/). Standard input is a JSON list of {"function", "input"} objects that
use the names of vectors/access-token2-extra.json. Standard output is a JSON list with, for each
call, {"token": ...} or {"error": ...} (a function the reference does not have).

The reference draws issueTs from time.time() and salt from secrets.SystemRandom() in the
AccessToken constructor. This script replaces AccessToken.build with a wrapper that overwrites
those two private fields with the call's fixed values and then runs the original build, so every
other step is the reference's own code.
"""

import json
import sys


def load_reference(reference_dir):
    sys.path.insert(0, reference_dir)
    from src import AccessToken2
    from src.ChatTokenBuilder2 import ChatTokenBuilder
    from src.RtcTokenBuilder2 import RtcTokenBuilder
    from src.RtmTokenBuilder2 import RtmTokenBuilder
    from src.apaas_token_builder import ApaasTokenBuilder
    from src.education_token_builder import EducationTokenBuilder
    from src.fpa_token_builder import FpaTokenBuilder
    return AccessToken2, {
        'ApaasTokenBuilder': ApaasTokenBuilder,
        'ChatTokenBuilder2': ChatTokenBuilder,
        'EducationTokenBuilder': EducationTokenBuilder,
        'FpaTokenBuilder': FpaTokenBuilder,
        'RtcTokenBuilder2': RtcTokenBuilder,
        'RtmTokenBuilder2': RtmTokenBuilder,
    }


def fix_issue_ts_and_salt(access_token_module, fixed):
    original_build = access_token_module.AccessToken.build

    def build_with_fixed_fields(self):
        self._AccessToken__issue_ts = fixed['issueTs']
        self._AccessToken__salt = fixed['salt']
        return original_build(self)

    access_token_module.AccessToken.build = build_with_fixed_fields


def rtm2_permissions(access_token_module, details):
    permissions = access_token_module.ServiceRtm2.Permissions()
    for resource_type, by_permission in details.items():
        for permission_type, resources in by_permission.items():
            permissions.add(int(resource_type), int(permission_type), resources)
    return permissions


def call_arguments(access_token_module, method, input_fields):
    """Map a vector input to the reference method's positional arguments."""
    credentials = [input_fields['appID'], input_fields['appCertificate']]
    rtc_privileges = [
        input_fields.get('joinChannelPrivilegeExpire'),
        input_fields.get('pubAudioPrivilegeExpire'),
        input_fields.get('pubVideoPrivilegeExpire'),
        input_fields.get('pubDataStreamPrivilegeExpire'),
    ]
    table = {
        'build_token_with_uid': lambda: [input_fields['channelName'], input_fields.get('uid'), input_fields.get('role'), input_fields.get('tokenExpire'),
                                         input_fields.get('privilegeExpire')],
        'build_token_with_user_account': lambda: [input_fields['channelName'], input_fields.get('account'), input_fields.get('role'),
                                                  input_fields.get('tokenExpire'), input_fields.get('privilegeExpire')],
        'build_token_with_uid_and_privilege': lambda: [input_fields['channelName'], input_fields.get('uid'), input_fields.get('tokenExpire'),
                                                       *rtc_privileges],
        'build_token_with_user_account_and_privilege': lambda: [input_fields['channelName'], input_fields.get('account'),
                                                                input_fields.get('tokenExpire'), *rtc_privileges],
        'build_token_with_rtm': lambda: [input_fields['channelName'], input_fields.get('account'), input_fields.get('role'), input_fields.get('tokenExpire'),
                                         input_fields.get('privilegeExpire')],
        'build_token_with_rtm2': lambda: [input_fields['channelName'], input_fields.get('rtcAccount'), input_fields.get('rtcRole'),
                                          input_fields.get('rtcTokenExpire'), *rtc_privileges, input_fields.get('rtmUserId'),
                                          input_fields.get('rtmTokenExpire')],
        'build_token_with_permissions': lambda: [input_fields['userId'],
                                                 rtm2_permissions(access_token_module, input_fields['permissions']),
                                                 input_fields['expire']],
        'build_token': lambda: [input_fields['userId'], input_fields['expire']] if 'userId' in input_fields else [],
        'build_user_token': lambda: [input_fields.get('userId', input_fields.get('userUuid')), input_fields['expire']],
        'build_app_token': lambda: [input_fields['expire']],
        'build_room_user_token': lambda: [input_fields['roomUuid'], input_fields['userUuid'], input_fields['role'], input_fields['expire']],
    }
    return credentials + table[method]()


def main():
    access_token_module, builders = load_reference(sys.argv[1])
    fixed = {}
    fix_issue_ts_and_salt(access_token_module, fixed)
    results = []
    for call in json.load(sys.stdin):
        builder_name, method = call['function'].split('.')
        builder = builders.get(builder_name)
        if builder is None or not hasattr(builder, method):
            results.append({'error': 'the python3 reference has no ' + call['function']})
            continue
        fixed['issueTs'] = call['input']['issueTs']
        fixed['salt'] = call['input']['salt']
        arguments = call_arguments(access_token_module, method, call['input'])
        results.append({'token': getattr(builder, method)(*arguments)})
    json.dump(results, sys.stdout)


if __name__ == '__main__':
    main()
