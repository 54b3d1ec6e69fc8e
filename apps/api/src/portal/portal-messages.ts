/**
 * The patient portal's message catalogue: every word a person reads on the
 * portal pages, in English and Spanish, in plain language (about 8th grade).
 * Spanish uses "usted", like the letters. `{name}` marks a value filled in by
 * `translate`. Both languages have exactly the same keys: the type of `es`
 * is the key set of `en`, so a missing or extra key fails to compile.
 *
 * Key families:
 *   site.*        layout (header, skip link, language switch, footer)
 *   index.*       the list of rights
 *   rights.<type>.{title,summary,button}
 *   form.*        the request form; fields.* labels (`<label>.hint` = hint); options.* choices.
 *                 `fields.<type>.<name>` overrides `fields.<name>` on that type's form, where
 *                 two types share a detail field name (restriction and access both have `recipient`).
 *   errors.*      validation and request problems
 *   confirmation.*, status.*, timeline.<action>, state.<type>.<state>, error.*
 */
import type { PortalLanguage } from './portal-views.js';

const en = {
  // Layout
  'site.name': 'Your health privacy rights',
  'site.skip': 'Skip to main content',
  'site.language.label': 'Language',
  'site.language.switch': 'Español',
  'site.footer': 'Questions about your privacy rights? Contact the privacy office at {clinic}.',
  'site.phone': 'Phone: {phone}',
  'site.email': 'Email: {email}',

  // Index
  'index.title': 'Your health privacy rights',
  'index.intro':
    'The law gives you rights over your health information. Choose what you want to do below. Each form takes about 10 minutes. You do not need an account.',
  'index.rights.title': 'What you can ask us to do',
  'index.status.title': 'Already sent a request?',
  'index.status.link': 'Check where your request is',

  // Rights: titles in the patient's words, a plain summary, and the link to the form
  'rights.access.title': 'See or get a copy of your health records',
  'rights.access.summary':
    'You can look at your medical and billing records, or get a copy on paper or as a computer file. We must answer within 30 days. Looking is free; a copy may have a small fee based on our costs.',
  'rights.access.button': 'Ask for your records',
  'rights.amendment.title': 'Ask us to correct or add to your health records',
  'rights.amendment.summary':
    'If you think something in your records is wrong or missing, you can ask us to change it. We must answer within 60 days. If we say no, you can send us a statement saying why you disagree.',
  'rights.amendment.button': 'Ask for a change',
  'rights.accounting.title': 'Get a list of who we shared your health information with',
  'rights.accounting.summary':
    'You can get a list of certain times we shared your health information in the last 6 years, for example with a public health office or because of a court order. The first list in any 12 months is free, and we must send it within 60 days.',
  'rights.accounting.button': 'Ask for the list',
  'rights.restriction.title': 'Ask us to limit how we use or share your health information',
  'rights.restriction.summary':
    'You can ask us not to use or share some of your information for your care, for payment or for running our practice, or not to share it with family or friends. We do not always have to agree, but we must agree not to tell your health plan about care you paid for in full yourself.',
  'rights.restriction.button': 'Ask for a limit',
  'rights.confidential_communication.title': 'Ask us to contact you another way or at another address',
  'rights.confidential_communication.summary':
    'You can ask us to contact you in a different way or at a different place, for example only on your mobile phone or at another address. We will say yes to reasonable requests, and you do not have to tell us why.',
  'rights.confidential_communication.button': 'Ask to be contacted another way',
  'rights.notice_copy.title': 'Get a paper copy of our privacy notice',
  'rights.notice_copy.summary':
    'Our notice of privacy practices explains how we use your health information and what your rights are. You can get a paper copy at any time, even if you agreed to get it by email.',
  'rights.notice_copy.button': 'Ask for a paper copy',
  'rights.complaint.title': 'Complain about how we handle your privacy',
  'rights.complaint.summary':
    'If you think we did not protect your privacy or respect your rights, you can complain to us. You can also complain to the U.S. Department of Health and Human Services. We will not treat you badly for complaining.',
  'rights.complaint.button': 'Make a complaint',
  'rights.authorization_revocation.title': 'Cancel a permission you gave us to share your health information',
  'rights.authorization_revocation.summary':
    'If you signed a form that lets us share your health information, you can cancel it at any time, in writing. It stops new sharing from the day we receive it, but it cannot undo sharing we already did.',
  'rights.authorization_revocation.button': 'Cancel a permission',
  'rights.communication_opt_out.title': 'Tell us not to list you, not to talk to someone, or not to send you fundraising',
  'rights.communication_opt_out.summary':
    'You can tell us not to list you in our patient directory, not to share information with family or friends involved in your care, or not to send you fundraising messages. We will honor your choice.',
  'rights.communication_opt_out.button': 'Tell us your choice',

  // Form
  'form.title': '{right}',
  'form.intro':
    'Answer the questions below, then send the form. Questions marked “required” must be answered. After you send it, we will give you a reference number.',
  'form.required': 'required',
  'form.optional': 'optional',
  'form.submit': 'Send my request',
  'form.select.choose': 'Choose one',
  'form.errors.title': 'There is a problem',
  'form.errors.intro': 'Please fix these answers, then send the form again:',
  'form.errors.prefix': 'Error:',
  'form.errors.pageTitle': 'Error: {title}',
  'form.honeypot': 'Leave this empty',
  'form.section.patient': 'About the patient',
  'form.section.requester': 'Who is filling in this form',
  'form.section.request': 'What you are asking for',
  'form.section.contact': 'How we write to you',

  // Common fields
  'fields.patient.givenName': 'First name',
  'fields.patient.familyName': 'Last name',
  'fields.patient.dateOfBirth': 'Date of birth',
  'fields.patient.email': 'Email address',
  'fields.patient.email.hint': 'We use it only to contact you about this request.',
  'fields.patient.phone': 'Phone number',
  'fields.patient.phone.hint': 'We may call to check who you are.',
  'fields.patient.address.line1': 'Street address',
  'fields.patient.address.line2': 'Apartment, suite or unit',
  'fields.patient.address.city': 'City or town',
  'fields.patient.address.state': 'State',
  'fields.patient.address.postalCode': 'ZIP code',
  'fields.requester.type': 'Who are you?',
  'options.requester.type.individual': 'I am the patient',
  'options.requester.type.personal_representative': 'I am asking for someone else as their legal representative',
  'fields.requester.name': 'Your full name',
  'fields.requester.name.hint': 'The name of the person filling in this form.',
  'fields.requester.relationship': 'Your relationship to the patient',
  'fields.requester.relationship.hint': 'Only if you are asking for someone else. For example: parent, spouse, adult child.',
  'fields.requester.authority.basis': 'What gives you the legal right to act for the patient?',
  'fields.requester.authority.basis.hint': 'Only if you are asking for someone else. We may ask you for a copy of the paper that shows it.',
  'options.authority.basis.healthcare_power_of_attorney': 'Health care power of attorney',
  'options.authority.basis.guardian': 'Guardian appointed by a court',
  'options.authority.basis.parent': 'Parent or guardian of a child under 18',
  'options.authority.basis.executor': 'Executor of the estate of a patient who has died',
  'options.authority.basis.administrator': 'Administrator of the estate of a patient who has died',
  'options.authority.basis.other_legal_authority': 'Other legal authority',
  'fields.requester.attestation': 'I confirm I have the legal authority to act for this person',
  'fields.requester.attestation.hint': 'Only if you are asking for someone else.',
  'fields.directive.attestation':
    'I am the patient and I want you to send my records to the person or company named above. Checking this box and sending this form is my signature.',
  'fields.language': 'Which language should we use when we write to you?',
  'options.language.en': 'English',
  'options.language.es': 'Spanish (Español)',

  // Detail fields: access
  'fields.details.accessType': 'What do you want to do?',
  'options.details.accessType.inspect': 'Look at my records in person',
  'options.details.accessType.copy': 'Get a copy of my records',
  'options.details.accessType.both': 'Both: look at them and get a copy',
  'fields.details.recordsRequested': 'Which records do you want?',
  'fields.details.recordsRequested.hint': 'For example: “all my records”, or “my lab results from 2024”.',
  'fields.details.format': 'What kind of copy do you want?',
  'fields.details.format.hint': 'Only if you want a copy.',
  'options.details.format.paper': 'Paper',
  'options.details.format.electronic': 'Electronic (a computer file)',
  'fields.details.electronicFormat': 'Which kind of computer file?',
  'fields.details.electronicFormat.hint': 'For example: PDF, or on a USB drive. Leave it empty if you do not mind.',
  'fields.details.delivery': 'How do you want to get your copy?',
  'fields.details.delivery.hint': 'Only if you want a copy.',
  'options.details.delivery.pickup': 'I will pick it up',
  'options.details.delivery.mail': 'Mail it to me',
  'options.details.delivery.email': 'Email it to me',
  'options.details.delivery.portal': 'Put it in my patient portal',
  'options.details.delivery.third_party': 'Send it to another person or company',
  'fields.details.recipient': 'Who should get the copy?',
  'options.details.recipient.self': 'Me (or the patient)',
  'options.details.recipient.third_party_directive': 'Another person or company that I name below',
  'fields.details.thirdParty': 'The other person or company',
  'fields.details.thirdParty.name': 'Name of the person or company who should get the copy',
  'fields.details.thirdParty.name.hint': 'Only if you want us to send your copy to someone else.',
  'fields.details.thirdParty.address': 'Where should we send it?',
  'fields.details.thirdParty.address.hint': 'A mailing address or an email address.',
  'fields.details.summaryRequested': 'I want a short summary of my records, instead of or as well as the records',
  'fields.details.summaryRequested.hint': 'A summary may have a fee. We will tell you the fee first, and we make it only if you agree.',

  // Detail fields: amendment
  'fields.details.recordDescription': 'Which record is wrong or missing something?',
  'fields.details.recordDescription.hint': 'For example: “my visit on 2025-03-12” or “my allergy list”.',
  'fields.details.requestedChange': 'What should we change or add?',
  'fields.details.reason': 'Why are you asking for this?',
  'fields.details.reason.hint': 'You can tell us why, if you want to.',
  'fields.amendment.details.reason': 'Why should we change it?',

  // Detail fields: accounting
  'fields.details.periodFrom': 'Start date of the list',
  'fields.details.periodFrom.hint': 'Leave both dates empty to get the last 6 years.',
  'fields.details.periodTo': 'End date of the list',

  // Detail fields: restriction
  'fields.details.scope': 'What information do you want us to limit, and how?',
  'fields.details.scope.hint': 'For example: “Do not share the results of my test on 2025-02-01 with my health plan.”',
  'fields.restriction.details.recipient': 'Who should not get it?',
  'fields.restriction.details.recipient.hint': 'For example: your health plan, or the name of a family member.',
  'fields.details.recipientIsHealthPlan': 'The person or company I want to keep it from is my health plan',
  'fields.details.purpose': 'What kind of use or sharing do you want to limit?',
  'options.details.purpose.treatment': 'Using it for my care (treatment)',
  'options.details.purpose.payment': 'Using it to get paid for my care (payment)',
  'options.details.purpose.health_care_operations': 'Using it to run our practice, such as quality checks (operations)',
  'options.details.purpose.persons_involved': 'Sharing it with family or friends involved in my care',
  'fields.details.selfPay': 'Care you paid for yourself',
  'fields.details.selfPay.paidInFull': 'I (or someone other than my health plan) paid for this care in full',
  'fields.details.selfPay.paidInFull.hint': 'If so, we must agree not to share it with your health plan for payment or our operations.',
  'fields.details.selfPay.items': 'Which care or services did you pay for yourself?',
  'fields.details.selfPay.items.hint': 'Only if you paid in full. For example: “my visit on 2025-04-10”.',
  'fields.details.selfPay.paidOn': 'Date you paid',
  'fields.details.requiredByLaw': 'I know that the law requires this sharing',
  'fields.details.requiredByLaw.hint': 'Most people leave this empty.',

  // Detail fields: confidential communication
  'fields.details.alternativeAddress': 'Other address where we should send mail',
  'fields.details.alternativeAddress.hint': 'Leave it empty if you want us to contact you another way instead.',
  'fields.details.alternativeContactMethod': 'Other way to contact you',
  'fields.details.alternativeContactMethod.hint': 'For example: “only my mobile phone, no voicemail”.',
  'fields.details.endangermentStatement': 'Contacting me the usual way could put me in danger',
  'fields.details.endangermentStatement.hint': 'You do not have to explain why.',

  // Detail fields: notice copy
  'fields.details.paperRequested': 'I want a paper copy',
  'fields.details.deliveryAddress': 'Where should we send it?',
  'fields.details.deliveryAddress.hint': 'Leave it empty to use your address above.',
  'fields.details.requesterIsInmate': 'I am held in a jail or prison',
  'fields.details.requesterIsInmate.hint': 'We ask because the law treats this differently.',

  // Detail fields: complaint
  'fields.details.category': 'What is your complaint about?',
  'options.details.category.access': 'Getting my records',
  'options.details.category.amendment': 'Correcting my records',
  'options.details.category.accounting': 'The list of who got my information',
  'options.details.category.restriction': 'Limits on sharing my information',
  'options.details.category.confidential_communication': 'How or where you contact me',
  'options.details.category.privacy_practice': 'How you use or share my information',
  'options.details.category.security': 'Keeping my information safe (security)',
  'options.details.category.other': 'Something else',
  'fields.details.subject': 'Tell us what happened',
  'fields.details.subject.hint': 'Include dates and names if you can.',
  'fields.details.incidentKnownOn': 'When did you find out about it?',
  'fields.details.incidentKnownOn.hint': 'A date close to it is fine.',
  'fields.details.linkedRequests': 'Other requests this complaint is about',
  'fields.details.linkedRequests.requestId': 'Request number',

  // Detail fields: authorization revocation
  'fields.details.form': 'How are you canceling the permission?',
  'options.details.form.written': 'In writing (this form or a letter)',
  'options.details.form.oral': 'I told your staff by phone or in person',
  'fields.details.authorizationReference': 'Which permission form?',
  'fields.details.authorizationReference.hint': 'The form number, or the date you signed it, if you know it.',
  'fields.details.authorizationDescription': 'Describe the permission you want to cancel',
  'fields.details.authorizationDescription.hint': 'For example: who it let us share with, and what.',

  // Detail fields: communication opt-out
  'fields.details.kind': 'What do you want us to do?',
  'fields.details.kind.hint': 'Our patient directory tells visitors and clergy who ask that you are here.',
  'options.details.kind.directory_opt_out': 'Leave me out of the patient directory',
  'options.details.kind.directory_restriction': 'List only some things about me in the patient directory',
  'options.details.kind.family_disclosure_objection': 'Do not share my information with family or friends',
  'options.details.kind.fundraising_opt_out': 'Stop sending me fundraising messages',
  'options.details.kind.fundraising_opt_in': 'Start sending me fundraising messages again',
  'fields.details.fields': 'What should we leave out of the directory?',
  'fields.details.fields.hint': 'Only if you want to list only some things about you.',
  'options.details.fields.name': 'My name',
  'options.details.fields.location': 'Where I am in the building',
  'options.details.fields.condition': 'How I am doing in general (my condition)',
  'options.details.fields.religion': 'My religion',
  'fields.details.person': 'Who should we not share with?',
  'fields.details.person.hint': 'Only for family or friends. Leave it empty to mean everyone.',
  'fields.details.oral': 'I already told your staff this in person or by phone',

  // Validation and request problems
  'errors.required': 'Please answer: {field}',
  'errors.invalid': 'Please check: {field}',
  'errors.date': 'Enter a real date, like 1980-04-02',
  'errors.email': 'Enter an email address like name@example.com',
  'errors.tooLong': 'This answer is too long. Please make it shorter.',
  'errors.attestation': 'Check the box to confirm you have the legal authority to act for this person',
  'errors.csrf': 'This form expired. Please send it again.',
  'errors.rateLimited': 'You have sent too many requests in a short time. Please wait a few minutes and try again.',
  'errors.generic': 'Something went wrong on our side. Please try again later, or call us.',

  // Confirmation
  'confirmation.title': 'We received your request',
  'confirmation.reference': 'Your reference: {reference}',
  'confirmation.due.legal': 'We must answer by {date}.',
  'confirmation.due.policy': 'We aim to answer by {date}.',
  'confirmation.next':
    'We may contact you to check who you are. We will write to you with our answer. If you have questions, call us and give your reference.',
  'confirmation.status.title': 'Check on your request',
  'confirmation.status.keep':
    'Save this link and your secret code now, and keep them private. We show them only this once. Anyone who has them can see where your request is.',
  'confirmation.status.link': 'See where your request is',
  'confirmation.status.code': 'Your secret code: {code}',

  // Status lookup and status
  'status.title': 'Check on your request',
  'status.lookup.intro': 'Enter your reference and your secret code. You got both when you sent your request.',
  'status.lookup.reference': 'Reference',
  'status.lookup.reference.hint': 'It looks like PR-2026-000123.',
  'status.lookup.token': 'Secret code',
  'status.lookup.token.hint': 'It was on the page you saw after you sent your request.',
  'status.lookup.submit': 'Check my request',
  'status.notFound':
    'We could not find a request with that reference and secret code. Check both and try again. If you lost your code, call us.',
  'status.type': 'What you asked for',
  'status.state': 'Where your request is',
  'status.due': 'Answer due: {date}',
  'status.overdue': 'Our answer is late. We are sorry. You can call us, and you have the right to complain.',
  'status.closed': 'This request is closed.',
  'status.timeline': 'What has happened so far',
  'status.documents': 'Letters from us',
  'status.documents.none': 'There are no letters yet.',
  'status.documents.pdf': 'PDF',
  'status.actions.title': 'What you can do now',
  'status.actions.withdraw': 'Withdraw my request',
  'status.actions.withdraw.help':
    'If you no longer want this, you can withdraw it. We will stop working on it, and if it is in effect, it will stop.',
  'status.actions.file_disagreement': 'Send my statement of disagreement',
  'status.actions.file_disagreement.help':
    'If you disagree with our denial, tell us why. We will add your statement to your record and send it along whenever we share that information.',
  'status.actions.accept_fee': 'Accept the fee',
  'status.actions.accept_fee.help': 'We will prepare your list and charge the fee in our letter.',
  'status.actions.modify_request': 'Ask for a shorter period',
  'status.actions.modify_request.help': 'Choose a shorter period of time to lower or avoid the fee.',
  'status.actions.close_without_disagreement': 'Close without a statement',
  'status.actions.close_without_disagreement.help':
    'If you do not want to send a statement of disagreement, you can close this request. You can ask us to send your request and our denial along whenever we share that information.',
  'status.actions.request_review': 'Ask for a review of the denial',
  'status.actions.request_review.help':
    'A licensed health professional who was not part of the decision will review it. We will follow what they decide.',
  'status.done.withdraw': 'Your request was withdrawn.',
  'status.done.file_disagreement': 'We received your statement of disagreement.',
  'status.done.accept_fee': 'You accepted the fee. We are preparing your list.',
  'status.done.modify_request': 'We changed the period of your request.',
  'status.done.close_without_disagreement': 'Your request is closed.',
  'status.done.request_review': 'We received your request for a review.',
  'fields.statement': 'Your statement of disagreement',
  'fields.statement.hint': 'Explain what you disagree with and why. Use up to 4,000 characters.',
  'fields.periodFrom': 'New start date',
  'fields.periodTo': 'New end date',
  'fields.includeWithFutureDisclosures': 'Send my request and your denial along whenever you share this information in the future',

  // Timeline: what happened, in plain words
  'timeline.receive': 'We received your request',
  'timeline.verify_identity': 'We confirmed who you are',
  'timeline.withdraw': 'The request was withdrawn',
  'timeline.extend': 'We gave ourselves 30 more days, as the law allows, and told you why in writing',
  'timeline.grant': 'We approved your request',
  'timeline.fulfil': 'We gave you your records',
  'timeline.deny': 'We denied your request in writing',
  'timeline.deny_in_part': 'We denied part of your request in writing',
  'timeline.refer': 'We told you who holds your records',
  'timeline.request_review': 'You asked for a review of the denial',
  'timeline.assign_reviewer': 'We chose a health professional to review the denial',
  'timeline.uphold_denial': 'The reviewer agreed with the denial',
  'timeline.reverse_denial': 'The reviewer overturned the denial',
  'timeline.accept': 'We accepted your change',
  'timeline.complete_notifications': 'We added the change to your record and told the people who needed to know',
  'timeline.file_disagreement': 'You sent a statement of disagreement',
  'timeline.close_without_disagreement': 'The request was closed without a statement of disagreement',
  'timeline.prepare_rebuttal': 'We wrote a response to your statement of disagreement',
  'timeline.close_without_rebuttal': 'We closed the request without writing a response',
  'timeline.send_rebuttal_copy': 'We sent you a copy of our response',
  'timeline.send_fee_notice': 'We told you about a fee',
  'timeline.accept_fee': 'You accepted the fee',
  'timeline.modify_request': 'You changed your request',
  'timeline.provide': 'We sent you the list',
  'timeline.refuse_unverified': 'We could not confirm who you are, so we could not send the list',
  'timeline.agree': 'We agreed to your limit',
  'timeline.decline': 'We did not agree to your limit',
  'timeline.terminate_by_individual': 'You ended the limit',
  'timeline.terminate_by_clinic': 'We ended the limit and told you',
  'timeline.record_emergency_use': 'We used limited information for emergency care',
  'timeline.accommodate': 'We agreed to contact you the way you asked',
  'timeline.decline_unreasonable': 'We could not agree to your request as you made it',
  'timeline.send': 'We sent you a copy of our privacy notice',
  'timeline.decline_inmate': 'We closed the request because this right does not apply in a jail or prison',
  'timeline.investigate': 'We started looking into your complaint',
  'timeline.resolve': 'We finished looking into your complaint',
  'timeline.receive_writing': 'We received your cancellation in writing',
  'timeline.confirm_effective': 'Your cancellation took effect',
  'timeline.close_without_writing': 'We closed the request because we did not get it in writing',
  'timeline.apply': 'We recorded your choice',
  'timeline.assign': 'A staff member started working on your request',
  'timeline.deadline_passed': 'The date for our answer passed',

  // States: where a request is (the machines' plain texts)
  'state.access.received': 'We have your request and are working on it.',
  'state.access.granted': 'Your request is approved and we are preparing your records.',
  'state.access.partly_denied': 'Part of your request was denied in writing; we are preparing the rest.',
  'state.access.fulfilled': 'Your records were provided.',
  'state.access.partly_fulfilled': 'We provided part of your records; the rest was denied in writing.',
  'state.access.denied': 'Your request was denied. Our letter explains why and what you can do.',
  'state.access.referred': 'We do not hold these records. Our letter tells you where to send your request.',
  'state.access.review_requested': 'You asked for the denial to be reviewed. We are choosing a reviewing professional.',
  'state.access.under_review': 'A licensed health professional who was not involved in the denial is reviewing it.',
  'state.access.review_upheld': 'The reviewer upheld the denial.',
  'state.access.review_reversed': 'The reviewer reversed the denial; we are preparing your records.',
  'state.access.withdrawn': 'You withdrew this request. Nothing more will be done with it.',
  'state.amendment.received': 'We have your request to change your record and are reviewing it.',
  'state.amendment.accepted':
    'We accepted your change and told you in writing. We are adding it to your record and informing the people who need to know.',
  'state.amendment.amended': 'Your record was changed and the people who needed to know were informed.',
  'state.amendment.denied':
    'Your request was denied, in whole or in part. Our letter explains why, how to send us a statement of disagreement, and how to complain.',
  'state.amendment.disagreement_filed':
    'We received your statement of disagreement. It is linked to your record and will be sent with any future disclosure of that information.',
  'state.amendment.rebuttal_prepared': 'We wrote a response to your statement of disagreement. We are sending you a copy.',
  'state.amendment.closed_with_rebuttal':
    'We sent you a copy of our response. Your request, our denial, your statement and our response are linked to your record and go with any future disclosure of that information.',
  'state.amendment.closed_with_disagreement':
    'Your request, our denial and your statement of disagreement are linked to your record and go with any future disclosure of that information.',
  'state.amendment.closed_no_disagreement':
    'This request is closed without a statement of disagreement. If you asked us to, your request and our denial will go with any future disclosure of that information.',
  'state.amendment.withdrawn': 'You withdrew this request. Nothing more will be done with it.',
  'state.accounting.received': 'We have your request for a list of disclosures and are preparing it.',
  'state.accounting.fee_notice_sent':
    'You already had a free list in the last 12 months, so this one has a fee. Our letter states it. You can accept it, narrow your request to lower or avoid it, or withdraw your request.',
  'state.accounting.fee_accepted': 'You accepted the fee or changed your request. We are preparing your list of disclosures.',
  'state.accounting.provided': 'We sent you the list of disclosures.',
  'state.accounting.refused_unverified':
    'We could not confirm who you are or your authority to ask for this list, so we could not provide it. You may ask again.',
  'state.accounting.withdrawn': 'You withdrew this request. Nothing more will be done with it.',
  'state.restriction.received': 'We have your request for a restriction and will tell you whether we agree.',
  'state.restriction.agreed':
    'We agreed to your restriction. We will not use or share your information against it, except in an emergency.',
  'state.restriction.declined': 'We did not agree to your restriction. Our letter explains this.',
  'state.restriction.terminated': 'Your restriction has ended. If we ended it, it still protects information we had before we told you.',
  'state.restriction.withdrawn': 'You withdrew this request. If a restriction had been agreed, it no longer applies.',
  'state.confidential_communication.received': 'We have your request about how and where we contact you and are working on it.',
  'state.confidential_communication.accommodated': 'We will contact you only the way and at the place you asked.',
  'state.confidential_communication.declined':
    'We could not accommodate your request as made. Our letter explains why and what you can do.',
  'state.confidential_communication.withdrawn': 'You withdrew this request. If it was in effect, it no longer applies.',
  'state.notice_copy.received': 'We have your request for a copy of our notice of privacy practices and will send it to you.',
  'state.notice_copy.sent': 'We sent you a copy of our notice of privacy practices.',
  'state.notice_copy.declined':
    'This request was closed: the right to receive the notice does not apply to people held in a correctional institution.',
  'state.notice_copy.withdrawn': 'You withdrew this request. Nothing more will be done with it.',
  'state.complaint.received': 'We have your complaint and will look into it.',
  'state.complaint.investigating': 'We are investigating your complaint.',
  'state.complaint.resolved': 'We finished looking into your complaint. Our letter tells you what we found and what we did.',
  'state.complaint.withdrawn': 'You withdrew this request. Nothing more will be done with it.',
  'state.authorization_revocation.received':
    'We have your request to cancel (revoke) your permission to share your health information. A revocation takes effect when we receive it in writing: if you told us by phone or in person, please also send it to us in writing.',
  'state.authorization_revocation.effective':
    'Your revocation took effect on the day we received it in writing. We will make no new disclosures under that permission; anything already done before then cannot be undone.',
  'state.authorization_revocation.not_in_writing':
    'We did not receive your revocation in writing, so your permission is still in effect. You can revoke it at any time by writing to us.',
  'state.authorization_revocation.withdrawn': 'You withdrew this request. Nothing more will be done with it.',
  'state.communication_opt_out.received': 'We have your choice and are recording it. We will honor it from now on.',
  'state.communication_opt_out.applied': 'Your choice is recorded and in effect. You can change your mind at any time.',
  'state.communication_opt_out.withdrawn': 'You withdrew this choice. It no longer applies.',

  // Error page
  'error.title': 'Sorry, something went wrong',
  'error.back': 'Go back to the start',
} satisfies Record<string, string>;

/** Every catalogue key. */
export type MessageKey = keyof typeof en;

const es: Record<MessageKey, string> = {
  // Layout
  'site.name': 'Sus derechos de privacidad de la salud',
  'site.skip': 'Saltar al contenido principal',
  'site.language.label': 'Idioma',
  'site.language.switch': 'English',
  'site.footer': '¿Tiene preguntas sobre sus derechos de privacidad? Comuníquese con la oficina de privacidad de {clinic}.',
  'site.phone': 'Teléfono: {phone}',
  'site.email': 'Correo electrónico: {email}',

  // Index
  'index.title': 'Sus derechos de privacidad de la salud',
  'index.intro':
    'La ley le da derechos sobre su información de salud. Elija abajo lo que quiere hacer. Cada formulario toma unos 10 minutos. No necesita una cuenta.',
  'index.rights.title': 'Lo que puede pedirnos',
  'index.status.title': '¿Ya envió una solicitud?',
  'index.status.link': 'Vea en qué va su solicitud',

  // Rights
  'rights.access.title': 'Ver u obtener una copia de sus registros de salud',
  'rights.access.summary':
    'Puede ver sus registros médicos y de facturación, u obtener una copia en papel o en un archivo de computadora. Debemos responderle en un plazo de 30 días. Verlos es gratis; una copia puede tener un pequeño cargo según nuestros costos.',
  'rights.access.button': 'Pedir sus registros',
  'rights.amendment.title': 'Pedirnos que corrijamos o agreguemos algo a sus registros de salud',
  'rights.amendment.summary':
    'Si cree que algo en sus registros está mal o falta, puede pedirnos que lo cambiemos. Debemos responderle en un plazo de 60 días. Si le decimos que no, puede enviarnos una declaración diciendo por qué no está de acuerdo.',
  'rights.amendment.button': 'Pedir un cambio',
  'rights.accounting.title': 'Obtener una lista de con quién compartimos su información de salud',
  'rights.accounting.summary':
    'Puede obtener una lista de ciertas ocasiones en que compartimos su información de salud en los últimos 6 años, por ejemplo con una oficina de salud pública o por una orden de un tribunal. La primera lista en cualquier período de 12 meses es gratis, y debemos enviarla en un plazo de 60 días.',
  'rights.accounting.button': 'Pedir la lista',
  'rights.restriction.title': 'Pedirnos que limitemos cómo usamos o compartimos su información de salud',
  'rights.restriction.summary':
    'Puede pedirnos que no usemos ni compartamos parte de su información para su atención, para cobrar o para administrar nuestra práctica, o que no la compartamos con familiares o amigos. No siempre tenemos que aceptar, pero sí debemos aceptar no informar a su plan de salud sobre la atención que usted pagó por completo.',
  'rights.restriction.button': 'Pedir un límite',
  'rights.confidential_communication.title': 'Pedirnos que nos comuniquemos con usted de otra forma o en otra dirección',
  'rights.confidential_communication.summary':
    'Puede pedirnos que nos comuniquemos con usted de otra forma o en otro lugar, por ejemplo solo a su teléfono celular o a otra dirección. Aceptaremos las solicitudes razonables, y no tiene que decirnos por qué.',
  'rights.confidential_communication.button': 'Pedir otra forma de contacto',
  'rights.notice_copy.title': 'Obtener una copia en papel de nuestro aviso de privacidad',
  'rights.notice_copy.summary':
    'Nuestro Aviso de Prácticas de Privacidad explica cómo usamos su información de salud y cuáles son sus derechos. Puede obtener una copia en papel en cualquier momento, aunque haya aceptado recibirlo por correo electrónico.',
  'rights.notice_copy.button': 'Pedir una copia en papel',
  'rights.complaint.title': 'Presentar una queja sobre cómo manejamos su privacidad',
  'rights.complaint.summary':
    'Si cree que no protegimos su privacidad o no respetamos sus derechos, puede presentarnos una queja. También puede presentarla ante el Departamento de Salud y Servicios Humanos de EE. UU. No lo trataremos mal por presentar una queja.',
  'rights.complaint.button': 'Presentar una queja',
  'rights.authorization_revocation.title': 'Cancelar un permiso que nos dio para compartir su información de salud',
  'rights.authorization_revocation.summary':
    'Si firmó un formulario que nos permite compartir su información de salud, puede cancelarlo en cualquier momento, por escrito. Detiene lo que compartiríamos desde el día en que lo recibimos, pero no deshace lo que ya compartimos.',
  'rights.authorization_revocation.button': 'Cancelar un permiso',
  'rights.communication_opt_out.title':
    'Pedirnos que no lo incluyamos en el directorio, que no hablemos con alguien o que no le enviemos pedidos de donaciones',
  'rights.communication_opt_out.summary':
    'Puede pedirnos que no lo incluyamos en nuestro directorio de pacientes, que no compartamos información con familiares o amigos que participan en su atención, o que no le enviemos mensajes para pedir donaciones. Respetaremos su decisión.',
  'rights.communication_opt_out.button': 'Díganos su decisión',

  // Form
  'form.title': '{right}',
  'form.intro':
    'Conteste las preguntas de abajo y luego envíe el formulario. Debe contestar las preguntas que dicen “obligatorio”. Después de enviarlo, le daremos un número de referencia.',
  'form.required': 'obligatorio',
  'form.optional': 'opcional',
  'form.submit': 'Enviar mi solicitud',
  'form.select.choose': 'Elija una opción',
  'form.errors.title': 'Hay un problema',
  'form.errors.intro': 'Corrija estas respuestas y vuelva a enviar el formulario:',
  'form.errors.prefix': 'Error:',
  'form.errors.pageTitle': 'Error: {title}',
  'form.honeypot': 'Deje esto en blanco',
  'form.section.patient': 'Sobre el paciente',
  'form.section.requester': 'Quién llena este formulario',
  'form.section.request': 'Lo que usted pide',
  'form.section.contact': 'Cómo le escribimos',

  // Common fields
  'fields.patient.givenName': 'Nombre',
  'fields.patient.familyName': 'Apellidos',
  'fields.patient.dateOfBirth': 'Fecha de nacimiento',
  'fields.patient.email': 'Correo electrónico',
  'fields.patient.email.hint': 'Lo usamos solo para comunicarnos con usted sobre esta solicitud.',
  'fields.patient.phone': 'Número de teléfono',
  'fields.patient.phone.hint': 'Es posible que lo llamemos para confirmar quién es usted.',
  'fields.patient.address.line1': 'Dirección (calle y número)',
  'fields.patient.address.line2': 'Apartamento, oficina o unidad',
  'fields.patient.address.city': 'Ciudad o pueblo',
  'fields.patient.address.state': 'Estado',
  'fields.patient.address.postalCode': 'Código postal (ZIP)',
  'fields.requester.type': '¿Quién es usted?',
  'options.requester.type.individual': 'Soy el paciente',
  'options.requester.type.personal_representative': 'Lo pido por otra persona, como su representante legal',
  'fields.requester.name': 'Su nombre completo',
  'fields.requester.name.hint': 'El nombre de la persona que llena este formulario.',
  'fields.requester.relationship': 'Su relación con el paciente',
  'fields.requester.relationship.hint': 'Solo si lo pide por otra persona. Por ejemplo: padre o madre, esposo o esposa, hijo adulto.',
  'fields.requester.authority.basis': '¿Qué le da el derecho legal de actuar por el paciente?',
  'fields.requester.authority.basis.hint':
    'Solo si lo pide por otra persona. Es posible que le pidamos una copia del documento que lo demuestra.',
  'options.authority.basis.healthcare_power_of_attorney': 'Poder notarial para decisiones de salud',
  'options.authority.basis.guardian': 'Tutor nombrado por un tribunal',
  'options.authority.basis.parent': 'Padre, madre o tutor de un menor de 18 años',
  'options.authority.basis.executor': 'Albacea de la herencia de un paciente que falleció',
  'options.authority.basis.administrator': 'Administrador de la herencia de un paciente que falleció',
  'options.authority.basis.other_legal_authority': 'Otra autoridad legal',
  'fields.requester.attestation': 'Confirmo que tengo la autoridad legal para actuar por esta persona',
  'fields.requester.attestation.hint': 'Solo si lo pide por otra persona.',
  'fields.directive.attestation':
    'Soy el paciente y quiero que envíen mis registros a la persona o empresa indicada arriba. Marcar esta casilla y enviar este formulario es mi firma.',
  'fields.language': '¿En qué idioma quiere que le escribamos?',
  'options.language.en': 'Inglés (English)',
  'options.language.es': 'Español',

  // Detail fields: access
  'fields.details.accessType': '¿Qué quiere hacer?',
  'options.details.accessType.inspect': 'Ver mis registros en persona',
  'options.details.accessType.copy': 'Obtener una copia de mis registros',
  'options.details.accessType.both': 'Las dos cosas: verlos y obtener una copia',
  'fields.details.recordsRequested': '¿Qué registros quiere?',
  'fields.details.recordsRequested.hint': 'Por ejemplo: “todos mis registros” o “mis resultados de laboratorio de 2024”.',
  'fields.details.format': '¿Qué tipo de copia quiere?',
  'fields.details.format.hint': 'Solo si quiere una copia.',
  'options.details.format.paper': 'En papel',
  'options.details.format.electronic': 'Electrónica (un archivo de computadora)',
  'fields.details.electronicFormat': '¿Qué tipo de archivo?',
  'fields.details.electronicFormat.hint': 'Por ejemplo: PDF, o en una memoria USB. Déjelo en blanco si le da igual.',
  'fields.details.delivery': '¿Cómo quiere recibir su copia?',
  'fields.details.delivery.hint': 'Solo si quiere una copia.',
  'options.details.delivery.pickup': 'La recojo yo',
  'options.details.delivery.mail': 'Envíenmela por correo postal',
  'options.details.delivery.email': 'Envíenmela por correo electrónico',
  'options.details.delivery.portal': 'Pónganla en mi portal de pacientes',
  'options.details.delivery.third_party': 'Envíenla a otra persona o empresa',
  'fields.details.recipient': '¿Quién debe recibir la copia?',
  'options.details.recipient.self': 'Yo (o el paciente)',
  'options.details.recipient.third_party_directive': 'Otra persona o empresa que indico abajo',
  'fields.details.thirdParty': 'La otra persona o empresa',
  'fields.details.thirdParty.name': 'Nombre de la persona o empresa que debe recibir la copia',
  'fields.details.thirdParty.name.hint': 'Solo si quiere que enviemos su copia a otra persona.',
  'fields.details.thirdParty.address': '¿A dónde debemos enviarla?',
  'fields.details.thirdParty.address.hint': 'Una dirección postal o de correo electrónico.',
  'fields.details.summaryRequested': 'Quiero un resumen corto de mis registros, en lugar de los registros o además de ellos',
  'fields.details.summaryRequested.hint':
    'Un resumen puede tener un cargo. Primero le diremos cuánto cuesta, y solo lo haremos si usted está de acuerdo.',

  // Detail fields: amendment
  'fields.details.recordDescription': '¿Qué registro está mal o le falta algo?',
  'fields.details.recordDescription.hint': 'Por ejemplo: “mi consulta del 2025-03-12” o “mi lista de alergias”.',
  'fields.details.requestedChange': '¿Qué debemos cambiar o agregar?',
  'fields.details.reason': '¿Por qué lo pide?',
  'fields.details.reason.hint': 'Puede decirnos por qué, si quiere.',
  'fields.amendment.details.reason': '¿Por qué debemos cambiarlo?',

  // Detail fields: accounting
  'fields.details.periodFrom': 'Fecha de inicio de la lista',
  'fields.details.periodFrom.hint': 'Deje las dos fechas en blanco para recibir los últimos 6 años.',
  'fields.details.periodTo': 'Fecha final de la lista',

  // Detail fields: restriction
  'fields.details.scope': '¿Qué información quiere que limitemos, y cómo?',
  'fields.details.scope.hint': 'Por ejemplo: “No compartan con mi plan de salud el resultado de mi prueba del 2025-02-01.”',
  'fields.restriction.details.recipient': '¿Quién no debe recibirla?',
  'fields.restriction.details.recipient.hint': 'Por ejemplo: su plan de salud, o el nombre de un familiar.',
  'fields.details.recipientIsHealthPlan': 'La persona o empresa a la que no quiero que le llegue es mi plan de salud',
  'fields.details.purpose': '¿Qué tipo de uso o de compartir quiere limitar?',
  'options.details.purpose.treatment': 'Usarla para mi atención (tratamiento)',
  'options.details.purpose.payment': 'Usarla para cobrar por mi atención (pago)',
  'options.details.purpose.health_care_operations': 'Usarla para administrar su práctica, como controles de calidad (operaciones)',
  'options.details.purpose.persons_involved': 'Compartirla con familiares o amigos que participan en mi atención',
  'fields.details.selfPay': 'Atención que usted pagó',
  'fields.details.selfPay.paidInFull': 'Yo (u otra persona que no es mi plan de salud) pagué esta atención por completo',
  'fields.details.selfPay.paidInFull.hint':
    'Si es así, debemos aceptar no compartirla con su plan de salud para cobrar ni para nuestras operaciones.',
  'fields.details.selfPay.items': '¿Qué atención o servicios pagó usted?',
  'fields.details.selfPay.items.hint': 'Solo si pagó por completo. Por ejemplo: “mi consulta del 2025-04-10”.',
  'fields.details.selfPay.paidOn': 'Fecha en que pagó',
  'fields.details.requiredByLaw': 'Sé que la ley exige compartir esta información',
  'fields.details.requiredByLaw.hint': 'La mayoría de las personas deja esto sin marcar.',

  // Detail fields: confidential communication
  'fields.details.alternativeAddress': 'Otra dirección a la que debemos enviar el correo',
  'fields.details.alternativeAddress.hint': 'Déjela en blanco si prefiere que nos comuniquemos con usted de otra forma.',
  'fields.details.alternativeContactMethod': 'Otra forma de comunicarnos con usted',
  'fields.details.alternativeContactMethod.hint': 'Por ejemplo: “solo a mi celular, sin dejar mensajes de voz”.',
  'fields.details.endangermentStatement': 'Comunicarse conmigo de la forma habitual podría ponerme en peligro',
  'fields.details.endangermentStatement.hint': 'No tiene que explicar por qué.',

  // Detail fields: notice copy
  'fields.details.paperRequested': 'Quiero una copia en papel',
  'fields.details.deliveryAddress': '¿A dónde debemos enviarla?',
  'fields.details.deliveryAddress.hint': 'Déjelo en blanco para usar su dirección de arriba.',
  'fields.details.requesterIsInmate': 'Estoy detenido en una cárcel o prisión',
  'fields.details.requesterIsInmate.hint': 'Lo preguntamos porque la ley trata este caso de otra forma.',

  // Detail fields: complaint
  'fields.details.category': '¿Sobre qué es su queja?',
  'options.details.category.access': 'Obtener mis registros',
  'options.details.category.amendment': 'Corregir mis registros',
  'options.details.category.accounting': 'La lista de quién recibió mi información',
  'options.details.category.restriction': 'Límites para compartir mi información',
  'options.details.category.confidential_communication': 'Cómo o dónde se comunican conmigo',
  'options.details.category.privacy_practice': 'Cómo usan o comparten mi información',
  'options.details.category.security': 'La protección de mi información (seguridad)',
  'options.details.category.other': 'Otra cosa',
  'fields.details.subject': 'Cuéntenos qué pasó',
  'fields.details.subject.hint': 'Incluya fechas y nombres si puede.',
  'fields.details.incidentKnownOn': '¿Cuándo se enteró?',
  'fields.details.incidentKnownOn.hint': 'Una fecha aproximada está bien.',
  'fields.details.linkedRequests': 'Otras solicitudes relacionadas con esta queja',
  'fields.details.linkedRequests.requestId': 'Número de solicitud',

  // Detail fields: authorization revocation
  'fields.details.form': '¿Cómo cancela el permiso?',
  'options.details.form.written': 'Por escrito (este formulario o una carta)',
  'options.details.form.oral': 'Se lo dije a su personal por teléfono o en persona',
  'fields.details.authorizationReference': '¿Qué formulario de permiso?',
  'fields.details.authorizationReference.hint': 'El número del formulario o la fecha en que lo firmó, si lo sabe.',
  'fields.details.authorizationDescription': 'Describa el permiso que quiere cancelar',
  'fields.details.authorizationDescription.hint': 'Por ejemplo: con quién nos permitía compartir información, y qué información.',

  // Detail fields: communication opt-out
  'fields.details.kind': '¿Qué quiere que hagamos?',
  'fields.details.kind.hint':
    'Nuestro directorio de pacientes les dice a las visitas y al clero que preguntan por usted que usted está aquí.',
  'options.details.kind.directory_opt_out': 'No me incluyan en el directorio de pacientes',
  'options.details.kind.directory_restriction': 'Incluyan solo algunos datos míos en el directorio de pacientes',
  'options.details.kind.family_disclosure_objection': 'No compartan mi información con familiares o amigos',
  'options.details.kind.fundraising_opt_out': 'Dejen de enviarme mensajes para pedir donaciones',
  'options.details.kind.fundraising_opt_in': 'Vuelvan a enviarme mensajes para pedir donaciones',
  'fields.details.fields': '¿Qué debemos dejar fuera del directorio?',
  'fields.details.fields.hint': 'Solo si quiere que incluyamos solo algunos datos suyos.',
  'options.details.fields.name': 'Mi nombre',
  'options.details.fields.location': 'Dónde estoy en el edificio',
  'options.details.fields.condition': 'Cómo estoy en general (mi estado)',
  'options.details.fields.religion': 'Mi religión',
  'fields.details.person': '¿Con quién no debemos compartirla?',
  'fields.details.person.hint': 'Solo para familiares o amigos. Déjelo en blanco si se refiere a todos.',
  'fields.details.oral': 'Ya se lo dije a su personal en persona o por teléfono',

  // Validation and request problems
  'errors.required': 'Por favor conteste: {field}',
  'errors.invalid': 'Por favor revise: {field}',
  'errors.date': 'Escriba una fecha real, por ejemplo 1980-04-02',
  'errors.email': 'Escriba un correo electrónico como nombre@ejemplo.com',
  'errors.tooLong': 'Esta respuesta es demasiado larga. Por favor hágala más corta.',
  'errors.attestation': 'Marque la casilla para confirmar que tiene la autoridad legal para actuar por esta persona',
  'errors.csrf': 'Este formulario venció. Por favor envíelo de nuevo.',
  'errors.rateLimited': 'Envió demasiadas solicitudes en poco tiempo. Espere unos minutos y vuelva a intentarlo.',
  'errors.generic': 'Algo salió mal de nuestra parte. Vuelva a intentarlo más tarde o llámenos.',

  // Confirmation
  'confirmation.title': 'Recibimos su solicitud',
  'confirmation.reference': 'Su referencia: {reference}',
  'confirmation.due.legal': 'Debemos responderle a más tardar el {date}.',
  'confirmation.due.policy': 'Queremos responderle a más tardar el {date}.',
  'confirmation.next':
    'Es posible que nos comuniquemos con usted para confirmar quién es. Le escribiremos con nuestra respuesta. Si tiene preguntas, llámenos y díganos su referencia.',
  'confirmation.status.title': 'Vea en qué va su solicitud',
  'confirmation.status.keep':
    'Guarde ahora este enlace y su código secreto, y no se los muestre a nadie. Solo los mostramos esta vez. Cualquier persona que los tenga puede ver en qué va su solicitud.',
  'confirmation.status.link': 'Ver en qué va su solicitud',
  'confirmation.status.code': 'Su código secreto: {code}',

  // Status lookup and status
  'status.title': 'Vea en qué va su solicitud',
  'status.lookup.intro': 'Escriba su referencia y su código secreto. Recibió los dos cuando envió su solicitud.',
  'status.lookup.reference': 'Referencia',
  'status.lookup.reference.hint': 'Se parece a PR-2026-000123.',
  'status.lookup.token': 'Código secreto',
  'status.lookup.token.hint': 'Aparecía en la página que vio después de enviar su solicitud.',
  'status.lookup.submit': 'Ver mi solicitud',
  'status.notFound':
    'No encontramos una solicitud con esa referencia y ese código secreto. Revise los dos y vuelva a intentarlo. Si perdió su código, llámenos.',
  'status.type': 'Lo que usted pidió',
  'status.state': 'En qué va su solicitud',
  'status.due': 'Fecha límite de respuesta: {date}',
  'status.overdue': 'Nuestra respuesta está atrasada. Lo sentimos. Puede llamarnos, y tiene derecho a presentar una queja.',
  'status.closed': 'Esta solicitud está cerrada.',
  'status.timeline': 'Lo que ha pasado hasta ahora',
  'status.documents': 'Cartas que le enviamos',
  'status.documents.none': 'Todavía no hay cartas.',
  'status.documents.pdf': 'PDF',
  'status.actions.title': 'Lo que puede hacer ahora',
  'status.actions.withdraw': 'Retirar mi solicitud',
  'status.actions.withdraw.help':
    'Si ya no la quiere, puede retirarla. Dejaremos de trabajar en ella y, si está en vigor, dejará de aplicarse.',
  'status.actions.file_disagreement': 'Enviar mi declaración de desacuerdo',
  'status.actions.file_disagreement.help':
    'Si no está de acuerdo con nuestra negativa, díganos por qué. Agregaremos su declaración a su registro y la enviaremos cada vez que compartamos esa información.',
  'status.actions.accept_fee': 'Aceptar el costo',
  'status.actions.accept_fee.help': 'Prepararemos su lista y cobraremos el costo que indica nuestra carta.',
  'status.actions.modify_request': 'Pedir un período más corto',
  'status.actions.modify_request.help': 'Elija un período de tiempo más corto para que el costo sea menor o no tenga costo.',
  'status.actions.close_without_disagreement': 'Cerrar sin una declaración',
  'status.actions.close_without_disagreement.help':
    'Si no quiere enviar una declaración de desacuerdo, puede cerrar esta solicitud. Puede pedirnos que enviemos su solicitud y nuestra negativa cada vez que compartamos esa información.',
  'status.actions.request_review': 'Pedir una revisión de la negativa',
  'status.actions.request_review.help':
    'Un profesional de la salud con licencia, que no participó en la decisión, la revisará. Seguiremos lo que esa persona decida.',
  'status.done.withdraw': 'Su solicitud fue retirada.',
  'status.done.file_disagreement': 'Recibimos su declaración de desacuerdo.',
  'status.done.accept_fee': 'Usted aceptó el costo. Estamos preparando su lista.',
  'status.done.modify_request': 'Cambiamos el período de su solicitud.',
  'status.done.close_without_disagreement': 'Su solicitud está cerrada.',
  'status.done.request_review': 'Recibimos su pedido de revisión.',
  'fields.statement': 'Su declaración de desacuerdo',
  'fields.statement.hint': 'Explique con qué no está de acuerdo y por qué. Use hasta 4,000 caracteres.',
  'fields.periodFrom': 'Nueva fecha de inicio',
  'fields.periodTo': 'Nueva fecha final',
  'fields.includeWithFutureDisclosures': 'Envíen mi solicitud y su negativa cada vez que compartan esta información en el futuro',

  // Timeline
  'timeline.receive': 'Recibimos su solicitud',
  'timeline.verify_identity': 'Confirmamos quién es usted',
  'timeline.withdraw': 'Se retiró la solicitud',
  'timeline.extend': 'Tomamos 30 días más, como lo permite la ley, y le explicamos por qué por escrito',
  'timeline.grant': 'Aprobamos su solicitud',
  'timeline.fulfil': 'Le dimos sus registros',
  'timeline.deny': 'Negamos su solicitud por escrito',
  'timeline.deny_in_part': 'Negamos parte de su solicitud por escrito',
  'timeline.refer': 'Le dijimos quién tiene sus registros',
  'timeline.request_review': 'Usted pidió una revisión de la negativa',
  'timeline.assign_reviewer': 'Elegimos a un profesional de la salud para revisar la negativa',
  'timeline.uphold_denial': 'La persona que revisó estuvo de acuerdo con la negativa',
  'timeline.reverse_denial': 'La persona que revisó anuló la negativa',
  'timeline.accept': 'Aceptamos su cambio',
  'timeline.complete_notifications': 'Agregamos el cambio a su registro y avisamos a las personas que debían saberlo',
  'timeline.file_disagreement': 'Usted envió una declaración de desacuerdo',
  'timeline.close_without_disagreement': 'Se cerró la solicitud sin una declaración de desacuerdo',
  'timeline.prepare_rebuttal': 'Escribimos una respuesta a su declaración de desacuerdo',
  'timeline.close_without_rebuttal': 'Cerramos la solicitud sin escribir una respuesta',
  'timeline.send_rebuttal_copy': 'Le enviamos una copia de nuestra respuesta',
  'timeline.send_fee_notice': 'Le avisamos de un costo',
  'timeline.accept_fee': 'Usted aceptó el costo',
  'timeline.modify_request': 'Usted cambió su solicitud',
  'timeline.provide': 'Le enviamos la lista',
  'timeline.refuse_unverified': 'No pudimos confirmar quién es usted, así que no pudimos enviar la lista',
  'timeline.agree': 'Aceptamos su límite',
  'timeline.decline': 'No aceptamos su límite',
  'timeline.terminate_by_individual': 'Usted terminó el límite',
  'timeline.terminate_by_clinic': 'Terminamos el límite y se lo avisamos',
  'timeline.record_emergency_use': 'Usamos información limitada para una atención de emergencia',
  'timeline.accommodate': 'Aceptamos comunicarnos con usted como lo pidió',
  'timeline.decline_unreasonable': 'No pudimos aceptar su solicitud tal como la hizo',
  'timeline.send': 'Le enviamos una copia de nuestro aviso de privacidad',
  'timeline.decline_inmate': 'Cerramos la solicitud porque este derecho no se aplica en una cárcel o prisión',
  'timeline.investigate': 'Empezamos a investigar su queja',
  'timeline.resolve': 'Terminamos de investigar su queja',
  'timeline.receive_writing': 'Recibimos su cancelación por escrito',
  'timeline.confirm_effective': 'Su cancelación entró en vigor',
  'timeline.close_without_writing': 'Cerramos la solicitud porque no la recibimos por escrito',
  'timeline.apply': 'Registramos su decisión',
  'timeline.assign': 'Una persona de nuestro personal empezó a trabajar en su solicitud',
  'timeline.deadline_passed': 'Pasó la fecha límite para nuestra respuesta',

  // States
  'state.access.received': 'Tenemos su solicitud y estamos trabajando en ella.',
  'state.access.granted': 'Su solicitud fue aprobada y estamos preparando sus registros.',
  'state.access.partly_denied': 'Parte de su solicitud fue negada por escrito; estamos preparando el resto.',
  'state.access.fulfilled': 'Le entregamos sus registros.',
  'state.access.partly_fulfilled': 'Le entregamos parte de sus registros; el resto fue negado por escrito.',
  'state.access.denied': 'Su solicitud fue negada. Nuestra carta explica por qué y lo que puede hacer.',
  'state.access.referred': 'No tenemos estos registros. Nuestra carta le dice a dónde enviar su solicitud.',
  'state.access.review_requested': 'Usted pidió que se revise la negativa. Estamos eligiendo a un profesional para revisarla.',
  'state.access.under_review': 'Un profesional de la salud con licencia, que no participó en la negativa, la está revisando.',
  'state.access.review_upheld': 'La persona que revisó confirmó la negativa.',
  'state.access.review_reversed': 'La persona que revisó anuló la negativa; estamos preparando sus registros.',
  'state.access.withdrawn': 'Usted retiró esta solicitud. No haremos nada más con ella.',
  'state.amendment.received': 'Tenemos su solicitud para cambiar su registro y la estamos revisando.',
  'state.amendment.accepted':
    'Aceptamos su cambio y se lo dijimos por escrito. Lo estamos agregando a su registro y avisando a las personas que deben saberlo.',
  'state.amendment.amended': 'Su registro fue cambiado y avisamos a las personas que debían saberlo.',
  'state.amendment.denied':
    'Su solicitud fue negada, en todo o en parte. Nuestra carta explica por qué, cómo enviarnos una declaración de desacuerdo y cómo presentar una queja.',
  'state.amendment.disagreement_filed':
    'Recibimos su declaración de desacuerdo. Está vinculada a su registro y se enviará cada vez que compartamos esa información en el futuro.',
  'state.amendment.rebuttal_prepared': 'Escribimos una respuesta a su declaración de desacuerdo. Le estamos enviando una copia.',
  'state.amendment.closed_with_rebuttal':
    'Le enviamos una copia de nuestra respuesta. Su solicitud, nuestra negativa, su declaración y nuestra respuesta están vinculadas a su registro y se enviarán cada vez que compartamos esa información en el futuro.',
  'state.amendment.closed_with_disagreement':
    'Su solicitud, nuestra negativa y su declaración de desacuerdo están vinculadas a su registro y se enviarán cada vez que compartamos esa información en el futuro.',
  'state.amendment.closed_no_disagreement':
    'Esta solicitud se cerró sin una declaración de desacuerdo. Si usted nos lo pidió, su solicitud y nuestra negativa se enviarán cada vez que compartamos esa información en el futuro.',
  'state.amendment.withdrawn': 'Usted retiró esta solicitud. No haremos nada más con ella.',
  'state.accounting.received': 'Tenemos su solicitud de una lista de divulgaciones y la estamos preparando.',
  'state.accounting.fee_notice_sent':
    'Ya recibió una lista gratis en los últimos 12 meses, así que esta tiene un costo. Nuestra carta lo indica. Puede aceptarlo, pedir menos para que el costo sea menor o no tenga costo, o retirar su solicitud.',
  'state.accounting.fee_accepted': 'Usted aceptó el costo o cambió su solicitud. Estamos preparando su lista de divulgaciones.',
  'state.accounting.provided': 'Le enviamos la lista de divulgaciones.',
  'state.accounting.refused_unverified':
    'No pudimos confirmar quién es usted ni su autoridad para pedir esta lista, así que no pudimos entregarla. Puede volver a pedirla.',
  'state.accounting.withdrawn': 'Usted retiró esta solicitud. No haremos nada más con ella.',
  'state.restriction.received': 'Tenemos su solicitud de un límite (restricción) y le diremos si la aceptamos.',
  'state.restriction.agreed': 'Aceptamos su límite. No usaremos ni compartiremos su información en contra de él, salvo en una emergencia.',
  'state.restriction.declined': 'No aceptamos su límite. Nuestra carta lo explica.',
  'state.restriction.terminated':
    'Su límite terminó. Si nosotros lo terminamos, sigue protegiendo la información que teníamos antes de avisarle.',
  'state.restriction.withdrawn': 'Usted retiró esta solicitud. Si habíamos aceptado un límite, ya no se aplica.',
  'state.confidential_communication.received':
    'Tenemos su solicitud sobre cómo y dónde nos comunicamos con usted y estamos trabajando en ella.',
  'state.confidential_communication.accommodated': 'Nos comunicaremos con usted solo de la forma y en el lugar que pidió.',
  'state.confidential_communication.declined':
    'No pudimos aceptar su solicitud tal como la hizo. Nuestra carta explica por qué y lo que puede hacer.',
  'state.confidential_communication.withdrawn': 'Usted retiró esta solicitud. Si estaba en vigor, ya no se aplica.',
  'state.notice_copy.received': 'Tenemos su solicitud de una copia de nuestro Aviso de Prácticas de Privacidad y se la enviaremos.',
  'state.notice_copy.sent': 'Le enviamos una copia de nuestro Aviso de Prácticas de Privacidad.',
  'state.notice_copy.declined':
    'Esta solicitud se cerró: el derecho a recibir el aviso no se aplica a las personas detenidas en una institución correccional.',
  'state.notice_copy.withdrawn': 'Usted retiró esta solicitud. No haremos nada más con ella.',
  'state.complaint.received': 'Tenemos su queja y la vamos a investigar.',
  'state.complaint.investigating': 'Estamos investigando su queja.',
  'state.complaint.resolved': 'Terminamos de investigar su queja. Nuestra carta le dice lo que encontramos y lo que hicimos.',
  'state.complaint.withdrawn': 'Usted retiró esta solicitud. No haremos nada más con ella.',
  'state.authorization_revocation.received':
    'Tenemos su solicitud para cancelar (revocar) su permiso para compartir su información de salud. La cancelación entra en vigor cuando la recibimos por escrito: si nos lo dijo por teléfono o en persona, envíenosla también por escrito.',
  'state.authorization_revocation.effective':
    'Su cancelación entró en vigor el día en que la recibimos por escrito. No compartiremos nada más con ese permiso; lo que ya se hizo antes de esa fecha no se puede deshacer.',
  'state.authorization_revocation.not_in_writing':
    'No recibimos su cancelación por escrito, así que su permiso sigue en vigor. Puede cancelarlo en cualquier momento escribiéndonos.',
  'state.authorization_revocation.withdrawn': 'Usted retiró esta solicitud. No haremos nada más con ella.',
  'state.communication_opt_out.received': 'Tenemos su decisión y la estamos registrando. La respetaremos desde ahora.',
  'state.communication_opt_out.applied': 'Su decisión está registrada y en vigor. Puede cambiar de opinión en cualquier momento.',
  'state.communication_opt_out.withdrawn': 'Usted retiró esta decisión. Ya no se aplica.',

  // Error page
  'error.title': 'Lo sentimos, algo salió mal',
  'error.back': 'Volver al inicio',
};

/** The catalogue, by language: the same keys in both. */
export const MESSAGES: Record<PortalLanguage, Record<string, string>> = { en, es };

/**
 * The message for `key` in `lang`, with each `{name}` replaced by `values.name`.
 * A missing key returns the key itself (a test catches those); a placeholder
 * without a value is left as it is.
 */
export function translate(lang: PortalLanguage, key: string, values?: Record<string, string | number>): string {
  const catalogue = MESSAGES[lang] ?? MESSAGES.en;
  if (!Object.hasOwn(catalogue, key)) return key;
  const message = catalogue[key];
  if (!values) return message;
  return message.replace(/\{(\w+)\}/g, (placeholder, name: string) => (Object.hasOwn(values, name) ? String(values[name]) : placeholder));
}
